package io.sashell;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Keeps the layering of the style guide: core/sa → heap → index → analysis → cli, SA only in sa. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.sashell");

    @Test
    void onlyTheSaPackageUsesTheServiceabilityAgent() {
        noClasses().that().resideOutsideOfPackage("io.sashell.sa..")
                .should().dependOnClassesThat().resideInAPackage("sun.jvm.hotspot..")
                .check(CLASSES);
    }

    @Test
    void coreDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.sashell.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sashell.sa..", "io.sashell.heap..",
                        "io.sashell.index..", "io.sashell.analysis..", "io.sashell.cli..")
                .check(CLASSES);
    }

    @Test
    void bundleAndCaptureDependOnlyOnCore() {
        noClasses().that().resideInAnyPackage("io.sashell.bundle..", "io.sashell.capture..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sashell.sa..", "io.sashell.heap..",
                        "io.sashell.index..", "io.sashell.analysis..", "io.sashell.cli..")
                .check(CLASSES);
    }

    @Test
    void saDoesNotDependOnLaterLayers() {
        noClasses().that().resideInAPackage("io.sashell.sa..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sashell.heap..", "io.sashell.index..",
                        "io.sashell.analysis..", "io.sashell.cli..")
                .check(CLASSES);
    }

    @Test
    void heapAndAnalysisDoNotDependOnTheCli() {
        noClasses().that().resideInAnyPackage("io.sashell.heap..", "io.sashell.index..", "io.sashell.analysis..")
                .should().dependOnClassesThat().resideInAPackage("io.sashell.cli..")
                .check(CLASSES);
    }

    @Test
    void indexDependsOnlyOnCoreSaAndHeap() {
        noClasses().that().resideInAPackage("io.sashell.index..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sashell.analysis..", "io.sashell.cli..")
                .check(CLASSES);
    }

    @Test
    void heapDoesNotDependOnAnalysis() {
        noClasses().that().resideInAPackage("io.sashell.heap..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sashell.analysis..", "io.sashell.index..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void exportDependsOnlyOnCoreSaAndHeap() {
        noClasses().that().resideInAPackage("io.sashell.export..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sashell.index..", "io.sashell.analysis..",
                        "io.sashell.cli..", "sun.jvm.hotspot..")
                .check(CLASSES);
    }

    @Test
    void reportBuildsOnAnalysisNotOnTheCli() {
        noClasses().that().resideInAPackage("io.sashell.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sashell.cli..", "sun.jvm.hotspot..")
                .check(CLASSES);
    }
}
