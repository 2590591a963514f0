package io.rvc4j.adapter.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter's public surface is its launcher alone (STYLE.md: adapters are package-private except Main). */
class AdapterShapeTest {
    @Test
    void only_main_is_public() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.rvc4j.adapter.http");
        classes().that().resideInAPackage("io.rvc4j.adapter.http").and().doNotHaveSimpleName("Main")
                .and().areTopLevelClasses().should().notBePublic().check(main);
    }
}
