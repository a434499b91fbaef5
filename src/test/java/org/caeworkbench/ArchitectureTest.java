package org.caeworkbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the layers: data &larr; core &larr; eval &larr; export &larr; app &larr; {cli, ui}, with the
 * launcher ({@code org.caeworkbench.Main} and anything else in the root package) on top.
 * Only production classes are checked. Every rule allows empty packages, so it holds while a layer
 * has no classes yet.
 */
@AnalyzeClasses(packages = "org.caeworkbench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DATA = "org.caeworkbench.data..";
    private static final String CORE = "org.caeworkbench.core..";
    private static final String EVAL = "org.caeworkbench.eval..";
    private static final String EXPORT = "org.caeworkbench.export..";
    private static final String APP = "org.caeworkbench.app..";
    private static final String DL4J_EXPORT = "org.caeworkbench.export.Dl4jImputer";
    private static final String CLI = "org.caeworkbench.cli..";
    private static final String UI = "org.caeworkbench.ui..";
    /** The root package only (no "..": sub-packages are not part of it). */
    private static final String LAUNCHER = "org.caeworkbench";

    /**
     * Dependencies point one way. data depends on no other layer; core only on data; eval only on
     * data and core; export only on data, core and eval; app (what both front ends ask of the program)
     * on those four; cli and ui never on each other; only the launcher may use cli and ui.
     */
    @ArchTest
    static final ArchRule layers_point_one_way = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Data").definedBy(DATA)
            .layer("Core").definedBy(CORE)
            .layer("Eval").definedBy(EVAL)
            .layer("Export").definedBy(EXPORT)
            .layer("App").definedBy(APP)
            .layer("Cli").definedBy(CLI)
            .layer("Ui").definedBy(UI)
            .layer("Launcher").definedBy(LAUNCHER)
            .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
            .whereLayer("Ui").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("App").mayOnlyBeAccessedByLayers("Cli", "Ui", "Launcher")
            .whereLayer("Export").mayOnlyBeAccessedByLayers("App", "Cli", "Ui", "Launcher")
            .whereLayer("Eval").mayOnlyBeAccessedByLayers("Export", "App", "Cli", "Ui", "Launcher")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Eval", "Export", "App", "Cli", "Ui", "Launcher")
            .allowEmptyShould(true);

    /** JavaFX, ControlsFX and JFreeChart's JavaFX viewer belong to the desktop layer alone. */
    @ArchTest
    static final ArchRule only_ui_uses_javafx = noClasses()
            .that().resideOutsideOfPackage(UI)
            .should().dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree.chart.fx..")
            .because("only the ui package is the desktop; export draws with Java2D so the command line can write every artefact")
            .allowEmptyShould(true);

    /** The console belongs to the front ends (and the launcher); the layers below report through return values, listeners and slf4j. */
    @ArchTest
    static final ArchRule no_standard_streams_below_the_front_ends = noClasses()
            .that().resideOutsideOfPackages(CLI, UI)
            .and().doNotHaveFullyQualifiedName("org.caeworkbench.Main")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("stdout carries command output (JSON); log through slf4j instead")
            .allowEmptyShould(true);

    /**
     * The numeric engine (ND4J / Deeplearning4j) is used by the model (core) and the metrics (eval) only,
     * and by the one exporter that writes a Deeplearning4j model file (export.Dl4jImputer, docs/interop.md).
     */
    @ArchTest
    static final ArchRule nd4j_only_in_core_and_eval = noClasses()
            .that().resideOutsideOfPackages(CORE, EVAL)
            .and().doNotHaveFullyQualifiedName(DL4J_EXPORT)
            .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..")
            .because("data, export and the front ends work on plain Java arrays and the core API")
            .allowEmptyShould(true);

    /**
     * Deeplearning4j's network classes stay out of start-up: the one class that uses them is reached only
     * through app.Interop.exportDl4j, which runs when a user exports a model.
     */
    @ArchTest
    static final ArchRule dl4j_export_only_through_interop = noClasses()
            .that().doNotHaveFullyQualifiedName("org.caeworkbench.app.Interop")
            .and().doNotHaveFullyQualifiedName(DL4J_EXPORT)
            .should().dependOnClassesThat().haveFullyQualifiedName(DL4J_EXPORT)
            .because("loading Deeplearning4j's classes costs start-up time; only an export should do it");

    /**
     * The front ends train through the application layer (app.TrainingJob: checkpoints, resume, the run
     * folder), so the command line and the window cannot drift apart on how a run is made.
     */
    @ArchTest
    static final ArchRule front_ends_train_through_the_app_layer = noClasses()
            .that().resideInAnyPackage(CLI, UI)
            .should().dependOnClassesThat().haveFullyQualifiedName("org.caeworkbench.core.Trainer")
            .because("training, resuming and writing a run are app.TrainingJob's, the same for cae train and the window")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule front_ends_run_stability_through_the_app_layer = noClasses()
            .that().resideInAnyPackage(CLI, UI)
            .should().callMethod("org.caeworkbench.eval.Stability", "trainSeeds",
                    "org.caeworkbench.core.TrainingConfig", "org.caeworkbench.data.Dataset", "int", "int", "java.util.List",
                    "org.caeworkbench.core.Cancellation", "org.caeworkbench.eval.Stability$Runs")
            .because("stability runs are app.StabilityRun's, the same for cae train --repeats and the Stability tab")
            .allowEmptyShould(true);
}
