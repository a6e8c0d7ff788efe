package io.rootfleet.controller.playbook;

import io.rootfleet.model.DesiredState;
import io.rootfleet.model.MessageText;
import io.rootfleet.model.yaml.InvalidInputException;
import io.rootfleet.model.yaml.Location;
import io.rootfleet.model.yaml.Problem;
import io.rootfleet.model.yaml.Problems;
import io.rootfleet.model.yaml.SafeYaml;
import io.rootfleet.model.yaml.YamlMap;
import io.rootfleet.model.yaml.YamlNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a playbook: the hosts of a fleet and the containers each should run.
 *
 * <pre>
 * apiVersion: rootfleet/v1              # required, exactly this
 * hosts:                                # required, at least one, unless an inventory gives hosts
 *   - name: web-a                       # required; 1-63 of [a-z0-9-], not starting or ending with '-'
 *     address: 10.0.0.11                # host name, IPv4 or IPv6 address; required unless connection: local
 *     port: 22                          # default 22
 *     user: root                        # default root
 *     identityFile: ~/.ssh/id_ed25519   # optional; absolute or '~/...', kept as written (expanded where used)
 *     connection: ssh                   # ssh (default) | local: run the agent on this machine, without SSH
 *     agentPath: /usr/local/bin/rootfleet-agent   # the default
 *     agentHome: /var/lib/rootfleet               # the default
 *     groups: [web, eu]                 # optional; named like hosts, and never like a host (for --limit)
 *     labels: {dc: fra1}                # optional; free-form text values
 * inventory: hosts.ini                  # optional: an Ansible inventory (INI or YAML) whose hosts join these;
 *                                       # relative to the playbook; --inventory FILE wins over it
 * defaults:                             # optional: container fields every entry inherits
 *   template: debian
 *   stop: {timeout: 5s}
 * profiles:                             # optional: named sets of container fields, named like hosts
 *   web:
 *     init: [/usr/sbin/apache2ctl, -D, FOREGROUND]
 *     limits: {memory: 256M}
 * containers:                           # required; [] means every host runs nothing
 *   - name: web-{01..50}                # a name, or one with a single range {FROM..TO}
 *     profile: web                      # optional, one profile
 *     group: web                        # exactly one of host: NAME | hosts: [NAMES] | group: NAME
 *     env: {TIER: front}                # and any field of a container, as the agent reads it
 * </pre>
 *
 * <p><b>Ranges.</b> {@code {1..3}} counts 1, 2, 3; a bound written with a leading zero pads every number to the
 * wider bound's width ({@code {01..50}}: 01 to 50; {@code {1..010}}: 001 to 010). Bounds are whole numbers,
 * counting up, at most 10000 names per entry, and every name made must be a valid
 * container name. One range per name: write two entries for a second dimension. Inside a flow mapping
 * ({@code {name: ...}}) YAML needs such a name quoted: {@code {name: "web-{01..50}", group: web}}.
 *
 * <p><b>Per-container values.</b> A range in a value expands along with the name's ({@code ipv4:
 * 10.77.0.{11..22}/24} with {@code name: app-{01..12}}), and {@code {{name}}} and {@code {{index}}} are replaced in
 * every value; see {@link InstanceValues}.
 *
 * <p><b>Inheritance.</b> An entry's container fields are laid over its profile's, and those over
 * {@code defaults}. Mappings ({@code env}, {@code limits}, {@code stop}, {@code network}...) merge key by key;
 * {@code files} join by path, {@code mounts} by target, {@code hide} and {@code unhide} by value, and other lists
 * and single values are replaced (see {@link ListLayers}); an explicit null ({@code network: ~}) unsets an inherited
 * value.
 * {@code name}, {@code profile}, {@code host}, {@code hosts} and {@code group} belong to entries only. Inherited
 * values are checked in the entries that inherit them, and a problem in one is reported once, at the line where
 * it was written; so a profile that no entry names, or a default that every entry overrides, is not read.
 *
 * <p><b>Result.</b> Every host gets a desired state, in entry order and then counting order; a host that no entry
 * names gets an empty one, so that applying with pruning can clear it. A container name can be used once per
 * host, and a static IPv4 address once per bridge of a host. Every problem in the playbook is reported at once, in
 * document order, as {@code file:line:column: path: message}; containers are placed on hosts only when the hosts
 * are all valid. What is allowed but unwise (a pids limit too low for a container's services) is a warning, given
 * once the playbook is valid.
 */
public final class PlaybookReader {
    private static final Comparator<Problem> DOCUMENT_ORDER = Comparator
            .comparingInt((Problem p) -> p.location().line())
            .thenComparingInt(p -> p.location().column());

    private PlaybookReader() {}

    /** Reads the playbook at {@code file}; also a file that cannot be read is an {@link InvalidInputException}. */
    public static Playbook read(Path file) throws InvalidInputException {
        return read(file, Optional.empty(), notice -> { });
    }

    /**
     * Reads the playbook at {@code file} with the hosts of an Ansible inventory: {@code inventory} if given, else
     * the one the playbook names. {@code notices} gets one line each for what of the inventory was ignored.
     */
    public static Playbook read(Path file, Optional<Path> inventory, Consumer<String> notices) throws InvalidInputException {
        String source = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(SafeYaml.MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(Location.of(source), "no such file; check the playbook's path");
        } catch (IOException e) {
            throw new InvalidInputException(Location.of(source), "cannot read the playbook: " + e.getMessage());
        }
        if (bytes.length > SafeYaml.MAX_BYTES) {
            throw new InvalidInputException(Location.of(source), "the playbook is larger than "
                    + SafeYaml.MAX_BYTES + " bytes, the most this controller reads");
        }
        Path directory = file.toAbsolutePath().getParent();
        return read(SafeYaml.parse(bytes, source), inventory, directory, notices);
    }

    /** Reads a playbook from {@code text}; {@code sourceName} names it in messages. */
    public static Playbook read(String text, String sourceName) throws InvalidInputException {
        return read(text, sourceName, notice -> { });
    }

    /** Reads a playbook from {@code text}, giving {@code notices} a line for each warning. */
    public static Playbook read(String text, String sourceName, Consumer<String> notices) throws InvalidInputException {
        return read(SafeYaml.parse(text, sourceName), Optional.empty(), Path.of("."), notices);
    }

    private static List<Problem> inDocumentOrder(Problems problems) {
        return problems.toList().stream().distinct().sorted(DOCUMENT_ORDER).toList();
    }

    private static Playbook read(YamlNode root, Optional<Path> inventoryGiven, Path directory, Consumer<String> notices) {
        Problems problems = new Problems();
        YamlMap doc = root.asMap(problems);
        if (!root.isMapping()) {
            return problems.orThrow(null);
        }
        String apiVersion = doc.requireText("apiVersion");
        if (apiVersion != null && !apiVersion.equals(DesiredState.API_VERSION)) {
            YamlNode at = doc.get("apiVersion").orElseThrow();
            problems.add(at.location(), at.path() + ": '" + MessageText.printable(apiVersion) + "' is not supported;"
                    + " this controller reads playbooks of " + DesiredState.API_VERSION);
        }
        // read only when written, so that the known fields listed for a typo stay those of playbooks without one
        Optional<Path> named = doc.has("inventory") ? doc.optional("inventory", directory::resolve) : Optional.empty();
        Optional<Path> inventory = inventoryGiven.or(() -> named);
        Optional<InventoryHosts> fromInventory = inventory.map(file -> InventoryHosts.load(file, problems, notices));
        YamlNode hostList = inventory.isPresent() ? doc.get("hosts").orElse(null) : doc.require("hosts");
        List<HostSpec> hosts = hostList == null ? (inventory.isPresent() ? List.of() : null) : HostsReader.read(hostList, problems);
        if (fromInventory.isPresent()) {
            hosts = fromInventory.get().joinTo(hosts, problems);
        }
        ContainerLayers layers = ContainerLayers.read(doc);
        YamlNode containerList = doc.require("containers");
        List<ContainerEntry> entries = new ArrayList<>();
        Problems warnings = new Problems();
        for (YamlNode item : containerList == null ? List.<YamlNode>of() : containerList.asList(problems)) {
            entries.add(ContainerEntryReader.read(item, layers, problems, warnings));
        }
        doc.finish();
        Map<String, DesiredState> desired = Map.of();
        if (hosts != null) {
            List<ContainerEntry> read = entries.stream().filter(Objects::nonNull).toList();
            desired = HostAssignments.assign(hosts, read, problems);
            AddressClashes.check(hosts, read, problems);
        }
        List<Problem> found = inDocumentOrder(problems);
        if (!found.isEmpty()) {
            throw new InvalidInputException(found);
        }
        inDocumentOrder(warnings).forEach(warning -> notices.accept("warning: " + warning));
        return new Playbook(hosts, desired);
    }
}
