package io.sashell.bundle;

/** Entry names inside a bundle: relative, {@code /}-separated, no {@code .} or {@code ..} parts. */
final class BundlePaths {
    private BundlePaths() {
    }

    static void check(String path, String bundle) throws BundleException {
        boolean bad = path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")
                || path.contains("\0");
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                bad = true;
            }
        }
        if (bad) {
            throw new BundleException(bundle + ": not a sa-shell bundle: unsafe entry name \"" + path + "\"");
        }
    }
}
