package dev.fleetsim.engine.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The JSON Schema beside the reader says what the reader accepts: shipped and written profiles pass both, a bad one fails both. */
class ProfileSchemaTest {

    private static Schema schema() throws Exception {
        try (InputStream in = HardwareProfile.class.getResourceAsStream("hardware-profile.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @Test
    void shippedAndWrittenProfilesMatchTheSchema() throws Exception {
        Schema schema = schema();
        for (GpuSpec gpu : HardwareCatalog.defaults().values()) {
            String resource = "profiles/" + gpu.name() + ".yaml";
            try (InputStream in = HardwareProfile.class.getResourceAsStream(resource)) {
                JsonNode shipped = new YAMLMapper().readTree(in);
                List<Error> errors = schema.validate(shipped);
                assertEquals(List.of(), errors, resource);
            }
            JsonNode written = new ObjectMapper().readTree(ProfileWriter.json(gpu.profile()));
            assertEquals(List.of(), schema.validate(written), "written " + gpu.name());
        }
    }

    @Test
    void aDocumentTheReaderRefusesTheSchemaRefusesToo() throws Exception {
        String text = ProfileWriter.yaml(HardwareCatalog.defaults().get("H100-SXM").profile())
                .replace("launchLatency: 4 us", "launchLatency: 4 us\nlaunchLatencies: 5 us");
        assertThrows(HardwareDocumentException.class, () -> ProfileReader.read(text, "x.yaml"));
        assertFalse(schema().validate(new YAMLMapper().readTree(text)).isEmpty());
    }
}
