package io.rvc4j.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.rvc4j.core.archviolation.UsesAssertJ;
import org.junit.jupiter.api.Test;

/** rvc-core is the pure domain: it may depend on the JDK's {@code java.*} packages and on itself, nothing else. */
class CoreArchitectureTest {

    private static ArchRule coreUsesOnlyTheJdk(String corePackage) {
        return noClasses().that().resideInAPackage(corePackage + "..")
                .should().dependOnClassesThat().resideOutsideOfPackages(corePackage + "..", "java..")
                .because("rvc-core depends on the JDK only (DESIGN.md)");
    }

    @Test
    void core_depends_on_the_jdk_only() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.rvc4j.core");
        coreUsesOnlyTheJdk("io.rvc4j.core").check(main);
    }

    @Test
    void the_rule_catches_a_core_class_that_uses_a_library() {
        JavaClasses bad = new ClassFileImporter().importClasses(UsesAssertJ.class);
        assertThatThrownBy(() -> coreUsesOnlyTheJdk("io.rvc4j.core.archviolation").check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.assertj.core.api.Assertions");
    }
}
