package io.rootfleet.agent.stale;

import io.rootfleet.model.report.StaleReport.ShadowedFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the files in a container's own layer that hide host system files: a copied-up library or a changed
 * configuration file keeps the container's version, and host updates never reach it.
 */
final class ShadowAudit {
    static final String LIBRARY = "library";
    static final String EXECUTABLE = "executable";
    static final String CONFIG = "config";
    static final String OTHER = "other";

    /**
     * Files every container writes for itself, never a host update it misses: measured in the upper of a
     * container booting the host's systemd (.pwd.lock, machine-id, mtab), plus the identity and resolver
     * files a container keeps its own of (the mask regenerates hostname, hosts and machine-id anyway).
     */
    static final Set<String> OWN_BY_NATURE = Set.of("/etc/.pwd.lock", "/etc/machine-id", "/etc/mtab",
            "/etc/resolv.conf", "/etc/hostname", "/etc/hosts", "/etc/adjtime");
    private static final Set<String> SYSTEM_DIRS = Set.of("usr", "bin", "sbin", "etc", "opt");
    private static final Pattern SHARED_OBJECT = Pattern.compile(".+\\.so(\\.[0-9][0-9A-Za-z]*)*");
    private static final Set<PosixFilePermission> EXECUTE = Set.of(
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

    private final HostRoot host;
    private final Set<Path> mountPoints;

    /**
     * @param mountPoints mount points that may lie inside a layer: never walked into
     */
    ShadowAudit(HostRoot host, Set<Path> mountPoints) {
        this.host = host;
        this.mountPoints = mountPoints;
    }

    /** True for the host's system directories: /usr, /lib*, /bin, /sbin, /etc, /opt (not /var, /srv, /home...). */
    static boolean isSystemDir(String topLevelName) {
        return SYSTEM_DIRS.contains(topLevelName) || topLevelName.startsWith("lib");
    }

    /**
     * What kind of host file a shadowing file hides, judged by its path: "config" under /etc, "library" for a
     * shared object in a lib directory, "executable" in a bin or sbin directory or with an execute bit, else "other".
     */
    static String kind(String path, boolean executable) {
        String[] segments = path.substring(1).split("/");
        if (segments[0].equals("etc")) {
            return CONFIG;
        }
        String name = segments[segments.length - 1];
        boolean inLibDir = false;
        for (int i = 0; i < segments.length - 1; i++) {
            inLibDir |= segments[i].startsWith("lib");
        }
        if (inLibDir && SHARED_OBJECT.matcher(name).matches()) {
            return LIBRARY;
        }
        String dir = segments.length > 1 ? segments[segments.length - 2] : "";
        if (dir.equals("bin") || dir.equals("sbin") || executable) {
            return EXECUTABLE;
        }
        return OTHER;
    }

    /**
     * The regular files and symlinks of the layer under the system directories whose path the host also has,
     * sorted by path. Directories the host does not have are skipped whole: nothing in them can hide a host file.
     * The files every container writes for itself ({@link #OWN_BY_NATURE}) are left out unless declared.
     *
     * @param declared paths the container's definition writes ({@code files:}): reported as declared
     */
    List<ShadowedFile> audit(Path upper, Set<String> declared) {
        List<ShadowedFile> found = new ArrayList<>();
        if (!Files.isDirectory(upper, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        try (DirectoryStream<Path> top = Files.newDirectoryStream(upper, p -> isSystemDir(p.getFileName().toString()))) {
            for (Path dir : top) {
                Files.walkFileTree(dir, new Visitor(upper, declared, found));
            }
        } catch (IOException e) {
            // the container was deleted while it was scanned: it hides nothing any more
            return List.of();
        }
        found.sort(Comparator.comparing(ShadowedFile::path));
        return found;
    }

    private final class Visitor extends SimpleFileVisitor<Path> {
        private final Path upper;
        private final Set<String> declared;
        private final List<ShadowedFile> found;

        Visitor(Path upper, Set<String> declared, List<ShadowedFile> found) {
            this.upper = upper;
            this.declared = declared;
            this.found = found;
        }

        private String containerPath(Path file) {
            return "/" + upper.relativize(file);
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (mountPoints.contains(dir)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            boolean hostHasDir = host.lookup(containerPath(dir)).map(HostRoot.Entry::directory).orElse(false);
            return hostHasDir ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!attrs.isRegularFile() && !attrs.isSymbolicLink()) {
                return FileVisitResult.CONTINUE; // whiteouts (a deleted host file) and other special files
            }
            String path = containerPath(file);
            boolean ownByNature = OWN_BY_NATURE.contains(path) && !declared.contains(path);
            if (!ownByNature && host.lookup(path).isPresent()) {
                found.add(new ShadowedFile(path, kind(path, attrs.isRegularFile() && executable(file)), declared.contains(path)));
            }
            return FileVisitResult.CONTINUE;
        }

        private static boolean executable(Path file) {
            try {
                return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).stream().anyMatch(EXECUTE::contains);
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            return FileVisitResult.CONTINUE; // a directory removed or unreadable while walked: what was found stays
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // removed while walked
        }
    }
}
