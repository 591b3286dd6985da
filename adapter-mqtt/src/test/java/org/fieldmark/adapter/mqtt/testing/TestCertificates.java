package org.fieldmark.adapter.mqtt.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;

/** A throwaway CA and a server certificate for 127.0.0.1/localhost signed by it, made with keytool. */
final class TestCertificates {

    private static final String PASS = "changeit";

    private TestCertificates() {
    }

    /** Writes ca.crt, server.crt and server.key (PEM) into {@code dir}; returns ca.crt. */
    static Path generate(Path dir) throws IOException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path caStore = dir.resolve("ca.p12");
        Path serverStore = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Path serverCrt = dir.resolve("server.crt");
        Path caCrt = dir.resolve("ca.crt");
        for (Path old : List.of(caStore, serverStore, csr, serverCrt, caCrt)) {
            Files.deleteIfExists(old);
        }
        Mosquitto.run(List.of(keytool, "-genkeypair", "-keystore", caStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASS, "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=Fieldmark Test CA", "-ext", "bc:c", "-validity", "2"));
        Mosquitto.run(List.of(keytool, "-genkeypair", "-keystore", serverStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASS, "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-validity", "2"));
        Mosquitto.run(List.of(keytool, "-certreq", "-keystore", serverStore.toString(), "-storepass", PASS,
                "-alias", "server", "-file", csr.toString()));
        Mosquitto.run(List.of(keytool, "-gencert", "-keystore", caStore.toString(), "-storepass", PASS, "-alias", "ca",
                "-infile", csr.toString(), "-outfile", serverCrt.toString(), "-rfc",
                "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-ext", "EKU=serverAuth", "-validity", "2"));
        Mosquitto.run(List.of(keytool, "-exportcert", "-keystore", caStore.toString(), "-storepass", PASS,
                "-alias", "ca", "-rfc", "-file", caCrt.toString()));
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(serverStore)) {
                store.load(in, PASS.toCharArray());
            }
            Key key = store.getKey("server", PASS.toCharArray());
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(dir.resolve("server.key"), pem, StandardCharsets.US_ASCII);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("could not export the test server key: " + e, e);
        }
        return caCrt;
    }
}
