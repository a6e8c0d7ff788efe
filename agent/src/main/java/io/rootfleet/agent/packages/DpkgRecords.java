package io.rootfleet.agent.packages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The host's package records, read from dpkg's own files as {@code dpkg-query} reads them, without running it:
 * {@code ADMINDIR/info/PKG.list} (the files each package installed), {@code ADMINDIR/status} (what is installed,
 * in which version) and {@code DOCDIR/PKG/changelog.Debian.gz}. All are the host's own files, never a
 * container's. A host without dpkg has none of them: every lookup then finds nothing.
 */
public final class DpkgRecords {
    /** Debian's places; a new instance each time, as the status file is read once per instance. */
    public static DpkgRecords system() {
        return new DpkgRecords(Path.of("/var/lib/dpkg"), Path.of("/usr/share/doc"));
    }

    /** The usr-merged directories: dpkg may record a file under /lib while maps shows it under /usr/lib. */
    private static final List<String> MERGED = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");

    /** A changelog bigger than this is not read (Debian's biggest are a few MiB). */
    private static final int CHANGELOG_LIMIT = 32 << 20;

    private final Path adminDir;
    private final Path docDir;

    public DpkgRecords(Path adminDir, Path docDir) {
        this.adminDir = adminDir;
        this.docDir = docDir;
    }

    /**
     * The package that owns each of {@code paths}, as named by its list file ("libssl3:amd64", "bash"); paths no
     * package owns are left out. A path under a usr-merged directory also matches its other spelling
     * (/usr/lib/x and /lib/x). Reads every list file once.
     */
    public Map<String, String> owners(Collection<String> paths) {
        Map<String, String> wanted = new HashMap<>(); // spelling -> asked path
        for (String path : paths) {
            for (String spelling : spellings(path)) {
                wanted.putIfAbsent(spelling, path);
            }
        }
        Map<String, String> owners = new HashMap<>();
        if (wanted.isEmpty()) {
            return owners;
        }
        try (DirectoryStream<Path> lists = Files.newDirectoryStream(adminDir.resolve("info"), "*.list")) {
            for (Path list : lists) {
                String file = list.getFileName().toString();
                String pkg = file.substring(0, file.length() - ".list".length());
                // one path per line: look each wanted one up as a whole line (few are wanted, the lists are long)
                String content = "\n" + Files.readString(list, StandardCharsets.UTF_8) + "\n";
                for (Map.Entry<String, String> w : wanted.entrySet()) {
                    if (content.contains("\n" + w.getKey() + "\n")) {
                        owners.putIfAbsent(w.getValue(), pkg);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return owners; // no dpkg here
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dpkg's file lists in " + adminDir.resolve("info") + ": "
                    + e.getMessage(), e);
        }
        return owners;
    }

    /** {@code path} and, under a usr-merged directory, its other spelling. */
    static Set<String> spellings(String path) {
        Set<String> all = new HashSet<>(List.of(path));
        for (String dir : MERGED) {
            if (path.startsWith("/usr/" + dir + "/")) {
                all.add(path.substring("/usr".length()));
            } else if (path.startsWith("/" + dir + "/")) {
                all.add("/usr" + path);
            }
        }
        return all;
    }

    /**
     * The installed version of {@code pkg} ("name" or "name:arch"), from the status file; empty when it is not
     * installed (or only its configuration files are left).
     */
    public Optional<String> installedVersion(String pkg) {
        Map<String, String> versions = installedVersions();
        return Optional.ofNullable(versions.getOrDefault(pkg, versions.get(baseName(pkg))));
    }

    private Map<String, String> installed;

    /** Installed packages by "name" and by "name:arch". */
    private synchronized Map<String, String> installedVersions() {
        if (installed == null) {
            try {
                installed = parseStatus(Files.readString(adminDir.resolve("status"), StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                installed = Map.of();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read dpkg's status file " + adminDir.resolve("status") + ": "
                        + e.getMessage(), e);
            }
        }
        return installed;
    }

    /** The installed packages of a status file, by "name" and by "name:arch"; packages not installed are left out. */
    static Map<String, String> parseStatus(String text) {
        Map<String, String> versions = new HashMap<>();
        for (String stanza : text.split("\n\n")) {
            Map<String, String> fields = new HashMap<>();
            for (String line : stanza.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !Character.isWhitespace(line.charAt(0))) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
            String name = fields.get("Package");
            String version = fields.get("Version");
            String status = fields.getOrDefault("Status", "");
            if (name == null || version == null || !status.endsWith(" installed")) {
                continue;
            }
            versions.put(name, version);
            if (fields.containsKey("Architecture")) {
                versions.put(name + ":" + fields.get("Architecture"), version);
            }
        }
        return versions;
    }

    /**
     * The Debian changelog of {@code pkg} ("name" or "name:arch"), from its doc directory (which may be a
     * symlink to its source's); empty when there is none, e.g. on hosts that exclude /usr/share/doc.
     */
    public Optional<DebianChangelog> changelog(String pkg) {
        Path doc = docDir.resolve(baseName(pkg));
        for (String name : List.of("changelog.Debian.gz", "changelog.Debian")) {
            Path file = doc.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (InputStream raw = Files.newInputStream(file);
                    InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
                return Optional.of(DebianChangelog.parse(readLimited(in)));
            } catch (IOException e) {
                return Optional.empty(); // a damaged changelog: no CVEs named, the attribution still stands
            }
        }
        return Optional.empty();
    }

    private static String readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        int n;
        while ((n = in.read(buffer)) > 0 && out.size() < CHANGELOG_LIMIT) {
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** "libssl3:amd64" -> "libssl3". */
    public static String baseName(String pkg) {
        int colon = pkg.indexOf(':');
        return colon < 0 ? pkg : pkg.substring(0, colon);
    }
}
