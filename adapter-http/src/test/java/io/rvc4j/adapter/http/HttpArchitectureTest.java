package io.rvc4j.adapter.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.rvc4j.adapter.http.archviolation.ImportsOtherAdapter;
import org.junit.jupiter.api.Test;

/** Adapters are independent: this one never uses another adapter's classes. */
class HttpArchitectureTest {

    private static ArchRule usesNoOtherAdapter(String ownPackage) {
        return noClasses().that().resideInAPackage(ownPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rvc4j.adapter.runpod..", "io.rvc4j.adapter.cli..")
                .because("no adapter depends on another (DESIGN.md)");
    }

    @Test
    void this_adapter_uses_no_other_adapter() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.rvc4j.adapter.http");
        usesNoOtherAdapter("io.rvc4j.adapter.http").check(main);
    }

    @Test
    void the_rule_catches_a_class_that_calls_another_adapter() {
        JavaClasses bad = new ClassFileImporter().importClasses(ImportsOtherAdapter.class);
        assertThatThrownBy(() -> usesNoOtherAdapter("io.rvc4j.adapter.http.archviolation").check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.rvc4j.adapter.runpod.archfake.OtherAdapterClass");
    }
}
