package io.rootfleet.agent.stale;

/**
 * One file a process maps, from a line of {@code /proc/PID/maps}.
 *
 * @param path the file's path inside the container (maps shows it relative to the container's root)
 * @param major the major number of the device the inode belongs to
 * @param minor the minor number of that device
 * @param inode the inode the process maps
 * @param range the first address range it is mapped at, the name of its entry in {@code /proc/PID/map_files}
 * @param deleted true when maps marks it "(deleted)": its name no longer leads to it
 * @param executable true when one of its mappings is executable: a program or a library, not a data file
 */
record MappedFile(String path, int major, int minor, long inode, String range, boolean deleted, boolean executable) {

    boolean onDevice(int deviceMajor, int deviceMinor) {
        return major == deviceMajor && minor == deviceMinor;
    }

    MappedFile withExecutable(boolean value) {
        return new MappedFile(path, major, minor, inode, range, deleted, value);
    }
}
