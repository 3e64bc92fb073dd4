package io.sashell.sa;

import java.util.List;

/**
 * One class loader data (the VM's per-loader metadata) as ZGC's heap iterator follows it: the loader object
 * (0 for the boot loader and a hidden class's own data), whether the VM keeps it alive by itself (the boot
 * loader's, a hidden class's while it is being defined), the classes it defined (Klass addresses, array classes
 * included) and the objects its handle list holds (mirrors, resolved references arrays, modules, ...).
 */
public record LoaderData(long loader, boolean keptAlive, List<Long> klasses, List<Long> handles) {
    public LoaderData {
        klasses = List.copyOf(klasses);
        handles = List.copyOf(handles);
    }
}
