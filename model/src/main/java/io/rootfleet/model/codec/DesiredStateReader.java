package io.rootfleet.model.codec;

import io.rootfleet.model.ContainerName;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Problems;
import io.rootfleet.model.yaml.SafeYaml;
import io.rootfleet.model.yaml.YamlMap;
import io.rootfleet.model.yaml.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a desired-state document (YAML or JSON):
 *
 * <pre>
 * apiVersion: rootfleet/v1
 * containers:
 *   - name: web-01
 *     init: [/bin/sleep, infinity]
 * </pre>
 *
 * Every problem in the document is reported at once, each with file:line:column.
 */
public final class DesiredStateReader {

    private DesiredStateReader() {}

    public static DesiredState read(byte[] document, String source) throws InvalidInputException {
        return read(SafeYaml.parse(document, source));
    }

    public static DesiredState read(String document, String source) throws InvalidInputException {
        return read(SafeYaml.parse(document, source));
    }

    static DesiredState read(YamlNode root) {
        Problems problems = new Problems();
        YamlMap doc = root.asMap(problems);
        String apiVersion = doc.requireText("apiVersion");
        if (apiVersion != null && !apiVersion.equals(DesiredState.API_VERSION)) {
            problems.add(doc.locationOf("apiVersion"), "apiVersion: '" + apiVersion + "' is not supported; this agent"
                    + " reads " + DesiredState.API_VERSION + ". Update the agent or the controller so they match");
        }
        List<ContainerSpec> containers = new ArrayList<>();
        Map<ContainerName, YamlNode> seen = new HashMap<>();
        for (YamlNode item : doc.list("containers")) {
            ContainerSpec spec = ContainerSpecReader.read(item.asMap(problems));
            if (spec == null) {
                continue;
            }
            YamlNode first = seen.putIfAbsent(spec.name(), item);
            if (first != null) {
                problems.add(item.location(), item.path() + ": container '" + spec.name() + "' is already declared at"
                        + " line " + first.location().line() + "; names must be unique on a host");
                continue;
            }
            containers.add(spec);
        }
        doc.finish();
        return problems.orThrow(new DesiredState(containers));
    }
}
