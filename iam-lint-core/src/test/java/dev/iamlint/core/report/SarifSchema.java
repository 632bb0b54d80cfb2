package dev.iamlint.core.report;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test helper: validates a SARIF log against the official OASIS SARIF 2.1.0 JSON Schema
 * (errata 01, see {@code src/test/resources/sarif/README.md}), read from the classpath.
 *
 * <p>Nothing is ever fetched over the network: the schema is loaded from the classpath, its
 * {@code id} is mapped back onto that classpath resource, its {@code $schema} (draft-04) is
 * served by the validator's built-in dialect, remote fetching is switched off, and every
 * non-classpath IRI is blocked, so an unexpected remote reference fails loudly instead of
 * reaching the network.
 *
 * <p>Shipped in the core test-jar so that other modules' tests can call it.
 */
public final class SarifSchema {

    /** Classpath location of the vendored schema. */
    public static final String RESOURCE = "sarif/sarif-schema-2.1.0.json";

    /** The {@code id} declared inside the vendored schema (OASIS SARIF 2.1.0 errata 01). */
    public static final String SCHEMA_ID =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final Schema SCHEMA = load();

    private SarifSchema() {
    }

    private static Schema load() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .locale(Locale.ROOT)
                .pathType(PathType.JSON_POINTER)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, builder -> builder
                .schemaRegistryConfig(config)
                .schemaLoader(loader -> loader
                        .fetchRemoteResources(false)
                        .block(SarifSchema::isRemote)
                        .schemaIdResolvers(ids -> ids.mapPrefix(SCHEMA_ID, "classpath:" + RESOURCE))));
        Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + RESOURCE));
        // Resolve every $ref now, so a broken schema fails here rather than mid-test.
        schema.initializeValidators();
        return schema;
    }

    private static boolean isRemote(AbsoluteIri iri) {
        String s = iri.toString();
        return !(s.startsWith("classpath:") || s.startsWith("resource:") || s.startsWith(SCHEMA_ID));
    }

    /**
     * Validates a SARIF log given as JSON text.
     *
     * @return one line per schema error, {@code "<JSON pointer> [<keyword>] <message>"}; empty when valid
     */
    public static List<String> validate(String sarifJson) {
        JsonNode node;
        try {
            node = MAPPER.readTree(sarifJson);
        } catch (JacksonException e) {
            return List.of("(root) [json] not well-formed JSON: " + e.getOriginalMessage());
        }
        return validate(node);
    }

    /** Validates an already parsed SARIF log; same result format as {@link #validate(String)}. */
    public static List<String> validate(JsonNode sarif) {
        List<String> out = new ArrayList<>();
        for (Error error : SCHEMA.validate(sarif)) {
            String pointer = error.getInstanceLocation().toString();
            out.add((pointer.isEmpty() ? "(root)" : pointer) + " [" + error.getKeyword() + "] " + error.getMessage());
        }
        return out;
    }

    /** Throws an {@link AssertionError} listing every schema error when the log is not valid SARIF 2.1.0. */
    public static void assertValid(String sarifJson) {
        List<String> errors = validate(sarifJson);
        if (!errors.isEmpty()) {
            throw new AssertionError("SARIF log does not conform to the SARIF 2.1.0 schema ("
                    + errors.size() + " error(s)):\n  " + String.join("\n  ", errors));
        }
    }
}
