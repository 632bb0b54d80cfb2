package dev.iamlint.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SarifSchemaTest {

    /** A small but GitHub-ready log: one rule, one result with a relative URI and a region. */
    private static final String VALID = """
            {
              "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
              "version": "2.1.0",
              "runs": [
                {
                  "tool": {
                    "driver": {
                      "name": "iam-lint",
                      "version": "0.1.0",
                      "informationUri": "https://github.com/iam-lint/iam-lint",
                      "rules": [
                        {
                          "id": "IAM001",
                          "name": "NoWildcardAction",
                          "shortDescription": { "text": "Avoid wildcard actions." },
                          "fullDescription": { "text": "A statement that allows every action grants too much." },
                          "help": { "text": "Name the actions the principal needs." },
                          "defaultConfiguration": { "level": "error" },
                          "properties": { "tags": ["security"], "security-severity": "8.0" }
                        }
                      ]
                    }
                  },
                  "results": [
                    {
                      "ruleId": "IAM001",
                      "ruleIndex": 0,
                      "level": "error",
                      "message": { "text": "Statement allows every action." },
                      "locations": [
                        {
                          "physicalLocation": {
                            "artifactLocation": { "uri": "policies/admin.json", "uriBaseId": "%SRCROOT%" },
                            "region": { "startLine": 5, "startColumn": 7, "endLine": 5, "endColumn": 20 }
                          }
                        }
                      ],
                      "partialFingerprints": { "iamLint/v1": "3f2a9c" }
                    }
                  ]
                }
              ]
            }
            """;

    @Test
    void minimalLogIsValid() {
        String minimal = """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "iam-lint"}}, "results": []}]}
                """;
        assertEquals(List.of(), SarifSchema.validate(minimal));
        SarifSchema.assertValid(minimal);
    }

    @Test
    void githubReadyLogIsValid() {
        assertEquals(List.of(), SarifSchema.validate(VALID));
        SarifSchema.assertValid(VALID);
    }

    @Test
    void missingVersionIsRejected() {
        String noVersion = VALID.replace("\"version\": \"2.1.0\",", "");
        List<String> errors = SarifSchema.validate(noVersion);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("(root) [required] "), errors.toString());
        assertTrue(errors.get(0).contains("version"), errors.toString());
    }

    @Test
    void unknownResultLevelIsRejected() {
        String fatal = VALID.replace("\"level\": \"error\",\n", "\"level\": \"fatal\",\n");
        assertTrue(fatal.contains("\"fatal\""), "test setup");
        List<String> errors = SarifSchema.validate(fatal);
        assertEquals(List.of("/runs/0/results/0/level [enum] "), errors.stream().map(e -> e.substring(0, e.indexOf("] ") + 2)).toList());
    }

    @Test
    void regionStartLineZeroIsRejected() {
        String zero = VALID.replace("\"startLine\": 5", "\"startLine\": 0");
        List<String> errors = SarifSchema.validate(zero);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("/runs/0/results/0/locations/0/physicalLocation/region/startLine [minimum] "),
                errors.toString());
    }

    @Test
    void artifactUriMustBeAUriReference() {
        String spaced = VALID.replace("policies/admin.json", "policies/my admin.json");
        List<String> errors = SarifSchema.validate(spaced);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri [format] "),
                errors.toString());
        assertEquals(List.of(), SarifSchema.validate(VALID.replace("policies/admin.json", "policies/my%20admin.json")));
    }

    @Test
    void unknownPropertyIsRejected() {
        String extra = VALID.replace("\"ruleIndex\": 0,", "\"ruleIndex\": 0, \"severity\": \"high\",");
        List<String> errors = SarifSchema.validate(extra);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("/runs/0/results/0 [additionalProperties] "), errors.toString());
    }

    @Test
    void assertValidListsEveryError() {
        String broken = VALID.replace("\"version\": \"2.1.0\",", "").replace("\"startLine\": 5", "\"startLine\": 0");
        AssertionError e = assertThrows(AssertionError.class, () -> SarifSchema.assertValid(broken));
        assertTrue(e.getMessage().contains("2 error(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("(root) [required]"), e.getMessage());
        assertTrue(e.getMessage().contains("/region/startLine [minimum]"), e.getMessage());
    }

    @Test
    void malformedJsonIsReportedNotThrown() {
        List<String> errors = SarifSchema.validate("{\"version\": ");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("(root) [json] "), errors.toString());
    }
}
