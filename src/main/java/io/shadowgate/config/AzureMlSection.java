package io.shadowgate.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code azureml} section. Names are checked against what Azure accepts, so that a
 * missing environment variable or a stray slash is a config error naming its key, not a 404 from
 * Resource Manager minutes later.
 */
final class AzureMlSection {
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Resource group, workspace, endpoint and deployment names: no slashes, spaces or query characters. */
    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._()-]{0,89}");

    private AzureMlSection() {}

    /** The section, or empty when the document has no {@code azureml} key. */
    static Optional<AzureMlConfig> read(ConfigNode root) {
        if (root.value("azureml").isEmpty()) {
            return Optional.empty();
        }
        ConfigNode node = root.section("azureml");
        String subscription = matching(node, "subscriptionId", GUID,
                "a subscription id, a GUID like 00000000-0000-0000-0000-000000000000");
        String stable = name(node, "stableDeployment");
        String candidate = name(node, "candidateDeployment");
        if (!stable.isEmpty() && stable.equalsIgnoreCase(candidate)) {
            node.reject("candidateDeployment", ConfigErrors.quote(candidate)
                    + " (expected: a deployment other than stableDeployment)");
        }
        Optional<URI> armEndpoint = armEndpoint(node);
        return Optional.of(new AzureMlConfig(
                subscription,
                name(node, "resourceGroup"),
                name(node, "workspace"),
                name(node, "endpoint"),
                stable,
                candidate,
                node.enumValue("credential", AzureMlConfig.Credential.class, AzureMlConfig.Credential.DEFAULT),
                node.enumValue("cloud", AzureMlConfig.Cloud.class, AzureMlConfig.Cloud.PUBLIC),
                armEndpoint,
                node.bool("syncTraffic", true),
                node.positiveDuration("waitForTraffic", Duration.ofMinutes(2))));
    }

    /** "" or absent means the cloud's own; https only, since a bearer token rides on every call. */
    private static Optional<URI> armEndpoint(ConfigNode node) {
        if (node.string("armEndpoint", "").isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> url = Optional.ofNullable(node.url("armEndpoint", null));
        if (url.isPresent() && !"https".equalsIgnoreCase(url.get().getScheme())) {
            node.reject("armEndpoint", ConfigErrors.quote(url.get().toString())
                    + " (expected: an https URL; Azure credentials are never sent over plain http)");
            return Optional.empty();
        }
        return url;
    }

    private static String name(ConfigNode node, String key) {
        return matching(node, key, RESOURCE_NAME,
                "an Azure resource name: letters, digits, '-', '_', '.', '(' or ')'");
    }

    private static String matching(ConfigNode node, String key, Pattern pattern, String expected) {
        if (node.value(key).isEmpty()) {
            node.required(key);
            return "";
        }
        Optional<String> read = node.value(key).flatMap(ConfigValue::asString);
        if (read.isEmpty()) {
            return ""; // already reported, e.g. an unset environment variable
        }
        String value = read.get();
        if (!pattern.matcher(value).matches()) {
            node.reject(key, ConfigErrors.quote(value) + " (expected: " + expected + ")");
        }
        return value;
    }
}
