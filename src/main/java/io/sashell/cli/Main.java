package io.sashell.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;

import io.sashell.core.Timing;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the sa-shell jar. The launcher script {@code sa-shell/sa-shell} runs it on the JDK that
 * wrote the core, with the module flags SA needs.
 */
@Command(name = "sa-shell", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {OpenCommand.class, ExportCoreCommand.class, DemoCommand.class, CaptureCommand.class,
                BundleCommand.class, JfrFileCommand.class, RedactCommand.class, ReportCoreCommand.class},
        description = "Post-mortem analysis of HotSpot JVM core files.")
public final class Main {

    public static void main(String[] args) {
        Timing.mark("main");
        CoreOpener.attachEarly(args);
        int rc = run(args);
        Timing.mark("exit");
        System.exit(rc);
    }

    public static int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserDataException) {
                err.println(e.getMessage());
                if (verbose) {
                    e.printStackTrace(err);
                }
                return ExitCodes.DATA_ERROR;
            }
            err.println("internal error: " + e + (verbose ? "" : " (--verbose shows the stack trace)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCodes.INTERNAL;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            err.println(e.getMessage());
            err.println("usage: " + e.getCommandLine().getHelp().synopsis(0).strip());
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sa-shell " + (v == null ? "dev" : v) + " on " + System.getProperty("java.vm.name")
                    + " " + System.getProperty("java.runtime.version")};
        }
    }
}
