package io.rootfleet.agent.mask;

import io.rootfleet.model.AbsolutePath;

/** One item of a container's mask layer. */
public record MaskEntry(AbsolutePath path, Kind kind, String content, int mode, int uid, int gid) {

    public enum Kind {
        /** An empty directory that hides what the host has there (trusted.overlay.opaque). */
        OPAQUE_DIR,
        /** A 0/0 character device: the host file is not shown at all. */
        WHITEOUT,
        /** A file generated for this container, shown instead of the host's. */
        FILE,
        /** A symbolic link ({@code content} is its target). */
        SYMLINK
    }

    public static MaskEntry opaque(AbsolutePath path, HostView.Attributes attrs) {
        return new MaskEntry(path, Kind.OPAQUE_DIR, "", attrs.mode(), attrs.uid(), attrs.gid());
    }

    public static MaskEntry whiteout(AbsolutePath path) {
        return new MaskEntry(path, Kind.WHITEOUT, "", 0, 0, 0);
    }

    public static MaskEntry file(AbsolutePath path, String content, int mode, int uid, int gid) {
        return new MaskEntry(path, Kind.FILE, content, mode, uid, gid);
    }

    public static MaskEntry symlink(AbsolutePath path, String target) {
        return new MaskEntry(path, Kind.SYMLINK, target, 0777, 0, 0);
    }
}
