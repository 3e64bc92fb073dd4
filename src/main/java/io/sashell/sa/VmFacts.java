package io.sashell.sa;

import java.util.Map;

/** What the VM in the core says about itself. Sizes in bytes. */
public record VmFacts(String vmRelease, String vmInfo, String vendor, String gcName, long heapCapacity,
                      long heapUsed, boolean compressedOops, boolean compressedClassPointers,
                      boolean compactHeaders, int objectAlignment, String jvmFlags, String jvmArgs,
                      String javaCommand, Map<String, String> properties) {
    public VmFacts {
        properties = Map.copyOf(properties);
    }
}
