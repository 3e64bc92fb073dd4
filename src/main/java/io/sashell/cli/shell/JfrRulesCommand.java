package io.sashell.cli.shell;

import io.sashell.jfr.RuleRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rules", description = "JMC's automated analysis rules with their scores and messages, those that fired first.")
final class JfrRulesCommand extends JfrSubcommand {
    @Option(names = "--all", description = "Every rule, also those that found nothing or did not apply.")
    boolean all;

    @Option(names = "--explain", description = "JMC's explanation and solution under each rule.")
    boolean explain;

    @Override
    void run() {
        renderer().rules(RuleRunner.run(recording()), all, explain);
    }
}
