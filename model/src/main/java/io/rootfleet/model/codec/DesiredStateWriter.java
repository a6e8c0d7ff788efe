package io.rootfleet.model.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootfleet.model.ContainerSpec;
import io.rootfleet.model.DesiredState;
import io.rootfleet.model.FileSpec;
import io.rootfleet.model.HidePattern;
import io.rootfleet.model.Limits;
import io.rootfleet.model.MountSpec;
import io.rootfleet.model.NetworkSpec;
import java.util.List;

/** Writes desired state as the JSON that {@link DesiredStateReader} reads, leaving out what is default. */
public final class DesiredStateWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DesiredStateWriter() {}

    public static String toJson(DesiredState state) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("apiVersion", DesiredState.API_VERSION);
        ArrayNode containers = doc.putArray("containers");
        state.containers().forEach(spec -> containers.add(toNode(spec)));
        return doc.toString();
    }

    public static ObjectNode toNode(ContainerSpec spec) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", spec.name().value());
        n.put("state", spec.state().yamlName());
        strings(n, "init", spec.init());
        if (spec.autostart()) {
            n.put("autostart", true);
        }
        spec.hostname().ifPresent(h -> n.put("hostname", h.value()));
        spec.network().ifPresent(net -> n.set("network", network(net)));
        if (!spec.mounts().isEmpty()) {
            ArrayNode mounts = n.putArray("mounts");
            for (MountSpec m : spec.mounts()) {
                mounts.addObject()
                        .put("source", m.source().value())
                        .put("target", m.target().value())
                        .put("readOnly", m.readOnly());
            }
        }
        if (!spec.limits().isNone()) {
            ObjectNode limits = n.putObject("limits");
            Limits l = spec.limits();
            l.memoryBytes().ifPresent(v -> limits.put("memory", String.valueOf(v)));
            l.milliCpus().ifPresent(v -> limits.put("cpus", Limits.formatMilliCpus(v)));
            l.pids().ifPresent(v -> limits.put("pids", v));
        }
        if (!spec.env().isEmpty()) {
            ObjectNode env = n.putObject("env");
            spec.env().forEach(env::put);
        }
        if (!spec.files().isEmpty()) {
            ArrayNode files = n.putArray("files");
            for (FileSpec f : spec.files()) {
                files.addObject()
                        .put("path", f.path().value())
                        .put("content", f.content())
                        .put("mode", String.format("%04o", f.mode()))
                        .put("uid", f.uid())
                        .put("gid", f.gid());
            }
        }
        strings(n, "hide", spec.hide().stream().map(HidePattern::value).toList());
        strings(n, "unhide", spec.unhide());
        if (!spec.template().equals(ContainerSpec.DEFAULT_TEMPLATE)) {
            n.put("template", spec.template());
        }
        strings(n, "services", spec.services());
        spec.stop().ifPresent(s -> n.putObject("stop").put("signal", s.signal()).put("timeout", s.timeoutSeconds()));
        spec.health().ifPresent(h -> {
            ObjectNode health = n.putObject("health");
            strings(health, "command", h.command());
            h.tcpPort().ifPresent(port -> health.put("tcp", port));
            health.put("timeout", h.timeoutSeconds()).put("retries", h.retries()).put("interval", h.intervalSeconds());
        });
        if (spec.order() != 0) {
            n.put("order", spec.order());
        }
        if (spec.privileged()) {
            n.put("privileged", true);
        }
        if (spec.allowPrivilegedWithoutAppArmor()) {
            n.put("allowPrivilegedWithoutAppArmor", true);
        }
        return n;
    }

    private static ObjectNode network(NetworkSpec net) {
        ObjectNode n = JSON.createObjectNode();
        n.put("bridge", net.bridge());
        net.ipv4().ifPresent(ip -> n.put("ipv4", ip.toString()));
        net.gateway().ifPresent(gw -> n.put("gateway", gw.toString()));
        net.hwaddr().ifPresent(hw -> n.put("hwaddr", hw));
        return n;
    }

    private static void strings(ObjectNode n, String key, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = n.putArray(key);
            values.forEach(array::add);
        }
    }
}
