package org.fieldmark.adapter.http.out.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Fieldmark-Signature} header: {@code sha256=} and the lowercase hex HMAC-SHA256 of
 * the exact body bytes, keyed with the UTF-8 bytes of the shared secret. Receivers written in
 * Java can use {@link #verify} (constant-time comparison).
 */
public final class WebhookSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "X-Fieldmark-Signature";

    private WebhookSignature() {
    }

    /** {@code sha256=<lowercase hex HMAC-SHA256(secret, body)>}. */
    public static String sign(String secret, byte[] body) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook signature needs a non-empty secret");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(body);
            StringBuilder hex = new StringBuilder("sha256=");
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code header} is the signature of {@code body} under {@code secret}, compared in constant time. */
    public static boolean verify(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                header.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
