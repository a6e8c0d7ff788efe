package io.rootfleet.model.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class YamlEditTest {
    private static final String DOC = """
            base:
              word: one
              m: {x: 1, y: 2}
              l: [1, 2]
              gone: here
            over:
              m: {y: 3, z: 4}
              l: [3]
              b: two
              gone: ~
            """;

    private final Problems problems = new Problems();
    private final YamlMap doc = SafeYaml.parse(DOC, "t.yml").asMap(problems);
    private final YamlNode base = doc.get("base").orElseThrow();
    private final YamlNode over = doc.get("over").orElseThrow();

    @Test
    void merge_mergesMappingsDeeplyAndLetsTheOverrideReplaceEverythingElse() {
        YamlMap merged = YamlEdit.merge(base, over).asMap(problems);

        assertThat(merged.entries().keySet()).containsExactly("word", "m", "l", "gone", "b");
        assertThat(texts(merged.map("m").orElseThrow())).containsExactly(
                Map.entry("x", "1"), Map.entry("y", "3"), Map.entry("z", "4"));
        assertThat(merged.list("l")).extracting(YamlNode::text).containsExactly("3");
        assertThat(merged.text("b")).contains("two");
        assertThat(merged.get("gone")).as("an explicit null unsets").isEmpty();
        assertThat(problems.toList()).isEmpty();
    }

    @Test
    void merge_keepsThePathAndLocationWhereEachValueWasWritten() {
        YamlMap merged = YamlEdit.merge(base, over).asMap(problems);
        YamlMap m = merged.map("m").orElseThrow();

        assertThat(where(merged.get("word").orElseThrow())).isEqualTo("t.yml:2:9 base.word");
        assertThat(where(m.get("x").orElseThrow())).isEqualTo("t.yml:3:10 base.m.x");
        assertThat(where(m.get("y").orElseThrow())).isEqualTo("t.yml:7:10 over.m.y");
        assertThat(where(m.node())).isEqualTo("t.yml:7:6 over.m");
        assertThat(where(merged.list("l").get(0))).isEqualTo("t.yml:8:7 over.l[0]");
        assertThat(where(merged.node())).isEqualTo("t.yml:7:3 over");
    }

    @Test
    void merge_reportsAnUnknownFieldWhereItWasWritten() {
        YamlMap merged = YamlEdit.merge(base, over).asMap(problems);
        merged.get("m");
        merged.get("l");
        merged.get("b");
        merged.get("gone");
        merged.finish();

        assertThat(problems.toList()).extracting(Problem::toString).containsExactly(
                "t.yml:2:3: base.word: unknown field. Known fields here: b, gone, l, m");
    }

    @Test
    void merge_ofAMergeKeepsTheOriginsOfBoth() {
        YamlNode twice = YamlEdit.merge(YamlEdit.merge(base, over), doc.get("base").orElseThrow());
        YamlMap m = twice.asMap(problems).map("m").orElseThrow();

        assertThat(where(m.get("z").orElseThrow())).isEqualTo("t.yml:7:16 over.m.z");
        assertThat(where(m.get("y").orElseThrow())).isEqualTo("t.yml:3:16 base.m.y");
    }

    @Test
    void merge_letsAMappingReplaceAScalarAndTheOtherWayRound() {
        YamlNode scalar = SafeYaml.parse("x: 1", "t.yml").asMap(problems).get("x").orElseThrow();

        assertThat(YamlEdit.merge(scalar, base).isMapping()).isTrue();
        assertThat(YamlEdit.merge(base, scalar).text()).isEqualTo("1");
    }

    @Test
    void without_dropsTheGivenKeys() {
        YamlMap trimmed = YamlEdit.without(base, List.of("m", "l", "absent")).asMap(problems);

        assertThat(trimmed.entries().keySet()).containsExactly("word", "gone");
        assertThat(trimmed.node().path()).isEqualTo("base");
    }

    @Test
    void withList_joinsItemsOfSeveralListsEachWhereItWasWritten() {
        YamlNode baseItem = base.asMap(problems).list("l").get(1);
        YamlNode overItem = over.asMap(problems).list("l").get(0);
        YamlMap joined = YamlEdit.withList(base, "l", List.of(overItem, baseItem)).asMap(problems);

        assertThat(joined.list("l")).extracting(YamlEditTest::where).containsExactly(
                "t.yml:8:7 over.l[0]", "t.yml:4:10 base.l[1]");
        assertThat(joined.entries().keySet()).containsExactly("word", "m", "l", "gone");
        YamlMap added = YamlEdit.withList(over, "n", List.of(baseItem)).asMap(problems);
        assertThat(added.list("n")).extracting(YamlNode::text).containsExactly("2");
        assertThat(problems.toList()).isEmpty();
    }

    @Test
    void rewriteScalars_rewritesValuesWhereTheyWereWrittenAndSharesWhatItLeaves() {
        YamlNode merged = YamlEdit.merge(base, over);
        List<String> seen = new java.util.ArrayList<>();
        YamlNode rewritten = YamlEdit.rewriteScalars(merged, (relative, value) -> {
            seen.add(relative);
            return value.text().equals("3") ? "three" : value.text();
        });
        YamlMap m = rewritten.asMap(problems);

        assertThat(seen).containsExactly("word", "m.x", "m.y", "m.z", "l[0]", "b");
        assertThat(where(m.map("m").orElseThrow().get("y").orElseThrow())).isEqualTo("t.yml:7:10 over.m.y");
        assertThat(m.map("m").orElseThrow().text("y")).contains("three");
        assertThat(where(m.list("l").get(0))).isEqualTo("t.yml:8:7 over.l[0]");
        assertThat(m.list("l").get(0).text()).isEqualTo("three");
        assertThat(where(m.get("word").orElseThrow())).isEqualTo("t.yml:2:9 base.word");
        assertThat(YamlEdit.rewriteScalars(merged, (relative, value) -> value.text())).isSameAs(merged);
        assertThat(texts(over.asMap(problems).map("m").orElseThrow())).as("the input is left alone")
                .containsExactly(Map.entry("y", "3"), Map.entry("z", "4"));
    }

    @Test
    void edits_leaveTheirInputsAlone() {
        YamlEdit.merge(base, over);
        YamlEdit.without(base, List.of("word"));

        YamlMap original = base.asMap(problems);
        assertThat(original.entries().keySet()).containsExactly("word", "m", "l", "gone");
        assertThat(original.text("word")).contains("one");
        assertThat(texts(original.map("m").orElseThrow())).containsExactly(Map.entry("x", "1"), Map.entry("y", "2"));
    }

    @Test
    void edits_ofSomethingOtherThanAMappingChangeNothing() {
        YamlNode scalar = base.asMap(problems).get("word").orElseThrow();

        assertThat(YamlEdit.without(scalar, List.of("word"))).isSameAs(scalar);
    }

    private static String where(YamlNode node) {
        return node.location() + " " + node.path();
    }

    private Map<String, String> texts(YamlMap map) {
        return map.entries().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().text(), (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
