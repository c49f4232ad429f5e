package dev.fleetsim.engine.scenario;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@link KeyHosts} names every outer class of a key table: a new {@code FooKeys} left out would
 * quietly lose its lambdas from the launcher's class-data archive (a slower start, nothing else).
 */
class KeyHostsTest {

    @Test
    void everyTopLevelClassWithNestedKeyTablesIsAHostAndNoOtherIs() throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path dir = Path.of(KeyHosts.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(KeyHosts.class.getPackageName().replace('.', '/'));
        Set<String> withTables = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (String name : files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$")).toList()) {
                Class<?> top = Class.forName(KeyHosts.class.getPackageName() + "." + name.replace(".class", ""));
                if (Stream.of(top.getDeclaredClasses()).anyMatch(KeyHostsTest::declaresATable)) {
                    withTables.add(top.getSimpleName());
                }
            }
        }
        assertFalse(withTables.isEmpty(), "the package's classes were found in " + dir);
        Set<String> hosts = new TreeSet<>();
        KeyHosts.ALL.forEach(c -> hosts.add(c.getSimpleName()));
        assertEquals(withTables, hosts);
    }

    private static boolean declaresATable(Class<?> nested) {
        for (Field f : nested.getDeclaredFields()) {
            if (f.getType() == Section.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                return true;
            }
        }
        return false;
    }
}
