package dev.fanout.deploy;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority that writes what cert-manager puts in a TLS Secret: a directory
 * per certificate with tls.crt, tls.key (PKCS#8) and ca.crt.
 */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final String name;
    private final KeyPair caKey;
    private final X509Certificate caCertificate;

    TestPki(String name) {
        this.name = name;
        this.caKey = newKeyPair();
        X500Name subject = new X500Name("CN=" + name);
        this.caCertificate = sign(new JcaX509v3CertificateBuilder(subject, serial(), notBefore(), notAfter(), subject, caKey.getPublic()),
                true, KeyPurposeId.anyExtendedKeyUsage);
    }

    /** Issues a certificate for server and client authentication, valid for the given DNS names. */
    Path issue(Path secretDir, String commonName, String... dnsNames) {
        KeyPair key = newKeyPair();
        var builder = new JcaX509v3CertificateBuilder(caCertificate, serial(), notBefore(), notAfter(), new X500Name("CN=" + commonName), key.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(Arrays.stream(dnsNames)
                    .map(dns -> new GeneralName(GeneralName.dNSName, dns)).toArray(GeneralName[]::new)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        X509Certificate certificate = sign(builder, false, KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        try {
            Files.createDirectories(secretDir);
            writePem(secretDir.resolve("tls.crt"), certificate);
            writePem(secretDir.resolve("tls.key"), new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key.getPrivate(), null).generate());
            writePem(secretDir.resolve("ca.crt"), caCertificate);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return secretDir;
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, boolean ca, KeyPurposeId... purposes) {
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!ca) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a certificate with " + name, e);
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofMinutes(5)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(1)));
    }
}
