package io.rootfleet.controller.ssh;

/** A file could not be uploaded and installed on the remote host; the target file is unchanged. */
public class UploadException extends RemoteHostException {
    public UploadException(String message) {
        super(message);
    }

    public UploadException(String message, Throwable cause) {
        super(message, cause);
    }
}
