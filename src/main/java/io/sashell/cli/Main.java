package io.sashell.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sashell.core.Timing;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the sa-shell jar. The launcher script {@code sa-shell/sa-shell} runs it on the JDK that
 * wrote the core, with the module flags SA needs.
 */
// The help options are inherited: "sa-shell open --help" prints open's usage.
@Command(name = "sa-shell", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Main.Version.class, description = "Post-mortem analysis of HotSpot JVM core files.")
public final class Main {
    /** The subcommands by name, in the order the help lists them. */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    public static void main(String[] args) {
        Timing.mark("main");
        CoreOpener.attachEarly(args);
        int rc = run(args);
        Timing.mark("exit");
        if (rc == ExitCodes.OK) {
            TrainingRun.loadOwnClasses();
        }
        System.exit(rc);
    }

    public static int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        CommandLine cl = commandLine(args);
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

    /**
     * The command line with the subcommand the arguments name, or with all of them when they name none (help, no
     * arguments, a misspelt name). picocli builds a command's model from its annotations by reflection: all eight
     * took 0.1-0.15 s of CPU at every start, on 2 cores shared with SA's attach.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cl.addSubcommand(args[0], named);
        } else {
            SUBCOMMANDS.forEach(cl::addSubcommand);
        }
        return cl;
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("open", OpenCommand.class);
        m.put("export", ExportCoreCommand.class);
        m.put("demo", DemoCommand.class);
        m.put("capture", CaptureCommand.class);
        m.put("bundle", BundleCommand.class);
        m.put("jfr", JfrFileCommand.class);
        m.put("redact", RedactCommand.class);
        m.put("report", ReportCoreCommand.class);
        return Collections.unmodifiableMap(m);
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
