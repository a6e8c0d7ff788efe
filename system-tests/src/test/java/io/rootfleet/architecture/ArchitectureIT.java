package io.rootfleet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of all three modules (this module's test classpath holds the agent, the controller and the model), as
 * each package states them in its package-info.java, plus the rules about libraries and external commands.
 */
class ArchitectureIT {
    private static final Path CHECKOUT = Path.of(System.getProperty("rootfleet.checkout", "..")).toAbsolutePath().normalize();
    private static final String README_BEGIN = "<!-- package rules: drawn from each package-info.java by ArchitectureIT -->";
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the agent's and the controller's test jars (their ITs run in this module's failsafe run), which ArchUnit
                // does not know for tests
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.rootfleet");
    }

    @Test
    void everyPackageUsesOnlyWhatItsPackageInfoAllows() {
        assertThat(PackageRules.of(main).violations(main)).isEmpty();
    }

    @Test
    void aPlantedViolationIsCaught() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.rootfleet.architecture.fixture");
        List<String> violations = PackageRules.of(fixture).violations(fixture);
        assertThat(violations).anySatisfy(v -> assertThat(v)
                .startsWith("io.rootfleet.architecture.fixture.low.Lower uses io.rootfleet.architecture.fixture.high.Higher (Lower.java:")
                .contains("may use only []"));
        assertThat(violations).anySatisfy(v -> assertThat(v)
                .contains("io.rootfleet.architecture.fixture.bare has no package-info.java"));
        assertThat(violations).hasSize(2);
    }

    @Test
    void onlyTheSshPackageUsesJsch() {
        only("io.rootfleet.controller.ssh..", "com.jcraft.jsch..");
    }

    @Test
    void onlyTheSshPackageInstallsTheNativeCryptoProvider() {
        only("io.rootfleet.controller.ssh..", "com.amazon.corretto.crypto..");
    }

    @Test
    void onlyTheSysAndUsernsPackagesCallLibc_onlySysRunsProcesses() {
        noClasses().that().resideOutsideOfPackages("io.rootfleet.agent.sys..", "io.rootfleet.agent.userns..")
                .should().dependOnClassesThat().resideInAPackage("jnr..")
                .check(main);
        only("io.rootfleet.agent.sys..", "org.apache.commons.exec..");
    }

    @Test
    void onlyTheMetricsPackageUsesThePrometheusClient() {
        only("io.rootfleet.agent.metrics..", "io.prometheus..");
    }

    @Test
    void onlyCommandPackagesUsePicocli() {
        only("..cli..", "picocli..");
    }

    @Test
    void nothingUsesTheCommandPackages() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("..cli..")
                .should().dependOnClassesThat().resideInAPackage("..cli..");
        rule.check(main);
    }

    @Test
    void onlyTheLxcAdapterNamesAnLxcCommand() throws IOException {
        Path agent = CHECKOUT.resolve("agent/src/main/java/io/rootfleet/agent");
        Pattern command = Pattern.compile("\"(lxc-[a-z]+)");
        try (Stream<Path> files = Files.walk(agent)) {
            List<String> found = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(agent.resolve("lxc")))
                    .flatMap(f -> lines(f).stream().filter(l -> command.matcher(l).find())
                            .map(l -> agent.relativize(f) + ": " + l.strip()))
                    .toList();
            assertThat(found).as("lxc-* commands outside io.rootfleet.agent.lxc").isEmpty();
        }
    }

    @Test
    void theReadmeShowsThePackageRules() throws IOException {
        String readme = Files.readString(CHECKOUT.resolve("README.md"));
        String expected = README_BEGIN + "\n```text\n" + PackageRules.of(main).describe() + "```";
        Matcher shown = Pattern.compile(Pattern.quote(README_BEGIN) + "\n```text\n.*?```", Pattern.DOTALL).matcher(readme);
        assertThat(shown.find()).as("README.md has the package rules block starting with " + README_BEGIN).isTrue();
        if (Boolean.getBoolean("rootfleet.updateReadme") && !shown.group().equals(expected)) {
            Files.writeString(CHECKOUT.resolve("README.md"), readme.replace(shown.group(), expected));
            return;
        }
        assertThat(shown.group()).as("README.md's package rules; run this test with -Drootfleet.updateReadme=true to redraw them").isEqualTo(expected);
    }

    private static void only(String packages, String library) {
        noClasses().that().resideOutsideOfPackage(packages)
                .should().dependOnClassesThat().resideInAPackage(library)
                .check(main);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
