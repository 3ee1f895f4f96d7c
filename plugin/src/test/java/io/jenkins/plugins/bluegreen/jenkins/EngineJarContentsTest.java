package io.jenkins.plugins.bluegreen.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine jar the hpi bundles in WEB-INF/lib holds production code only: the benches, router labs, load generators
 * and demo backend live in the lab module, which the plugin uses in its tests alone.
 */
class EngineJarContentsTest {

    /** A package {@code lab} or {@code demo}, or a class named like a bench, lab, load generator or demo backend. */
    private static final Pattern TEST_ONLY = Pattern.compile(
            ".*\\.(lab|demo)\\..*|.*\\.[^.]*(Bench|Lab(?![a-z])|LoadGenerator|DemoBackend)[^.]*");

    @Test
    void theBundledEngineHoldsNoBenchLabOrDemoClass() throws Exception {
        Path engine = Path.of(BlueGreenEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        List<String> classes = classesIn(engine);
        System.out.printf("%s holds %d classes%n", engine, classes.size());

        assertThat(classes).as("classes in %s", engine).contains(BlueGreenEngine.class.getName())
                .filteredOn(name -> TEST_ONLY.matcher(name).matches()).isEmpty();
    }

    /** A jar from the repository, or engine/target/classes when the reactor has not packaged the engine yet. */
    private static List<String> classesIn(Path codeSource) throws IOException {
        if (Files.isDirectory(codeSource)) {
            try (Stream<Path> files = Files.walk(codeSource)) {
                return files.map(file -> codeSource.relativize(file).toString()).filter(EngineJarContentsTest::isClass)
                        .map(EngineJarContentsTest::className).sorted().toList();
            }
        }
        try (JarFile jar = new JarFile(codeSource.toFile())) {
            return jar.stream().map(JarEntry::getName).filter(EngineJarContentsTest::isClass)
                    .map(EngineJarContentsTest::className).sorted().toList();
        }
    }

    private static boolean isClass(String path) {
        return path.endsWith(".class") && !path.endsWith("module-info.class");
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
