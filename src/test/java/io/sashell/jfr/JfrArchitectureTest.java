package io.sashell.jfr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import io.sashell.testkit.Repo;

/** JMC stays behind the jfr package's records, and the jfr package knows nothing of the shell or of SA. */
class JfrArchitectureTest {
    private static JavaClasses main;

    /** Package names are all these rules look at: resolving JMC's and SA's classes too would take half a minute. */
    @BeforeAll
    static void importMain() {
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            main = new ClassFileImporter().importPath(Repo.root().resolve("target/classes"));
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void onlyTheJfrPackageUsesJmc() {
        noClasses().that().resideOutsideOfPackage("io.sashell.jfr..").should().dependOnClassesThat()
                .resideInAPackage("org.openjdk.jmc..").check(main);
    }

    @Test
    void theJfrPackageUsesNeitherTheShellNorSa() {
        noClasses().that().resideInAPackage("io.sashell.jfr..").should().dependOnClassesThat()
                .resideInAnyPackage("io.sashell.cli..", "io.sashell.sa..", "sun.jvm.hotspot..").check(main);
    }
}
