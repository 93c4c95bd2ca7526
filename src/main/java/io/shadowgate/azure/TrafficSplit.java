package io.shadowgate.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live split between the stable and candidate deployments of an online endpoint, read from
 * and written into the endpoint resource's {@code properties.traffic}.
 *
 * @param stable the stable deployment's name
 * @param candidate the candidate deployment's name
 * @param candidatePercent the candidate's share, 0..100; stable gets the rest
 */
record TrafficSplit(String stable, String candidate, int candidatePercent) {
    /**
     * Read-only fields of an online endpoint. Resource Manager ignores them in a PUT, but Azure's
     * own SDKs leave them out, and so do we: the body then says exactly what is being set.
     */
    private static final String[] READ_ONLY_TOP = {"id", "name", "type", "systemData"};
    private static final String[] READ_ONLY_PROPERTIES = {"provisioningState", "scoringUri", "swaggerUri"};
    private static final String[] READ_ONLY_IDENTITY = {"principalId", "tenantId"};

    TrafficSplit {
        if (candidatePercent < 0 || candidatePercent > 100) {
            throw new IllegalArgumentException("candidatePercent " + candidatePercent + " is not within 0..100");
        }
    }

    /** Whether {@code endpoint} already routes exactly this split (absent entries are 0). */
    boolean shownBy(JsonNode endpoint) {
        JsonNode traffic = endpoint.path("properties").path("traffic");
        Iterator<Map.Entry<String, JsonNode>> entries = traffic.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!entry.getKey().equalsIgnoreCase(stable) && !entry.getKey().equalsIgnoreCase(candidate)
                    && entry.getValue().asInt() != 0) {
                return false;
            }
        }
        return percentOf(traffic, stable) == 100 - candidatePercent && percentOf(traffic, candidate) == candidatePercent;
    }

    /**
     * The whole endpoint resource with its {@code traffic} set to this split and everything else
     * (mirrorTraffic, auth mode, tags, identity, ...) as read: a PUT replaces the resource, and a
     * body without {@code mirrorTraffic} would clear it.
     *
     * @throws AzureMlException when a third deployment receives live traffic: shadowgate splits
     *     between two deployments and will not silently take a share from another
     */
    ObjectNode applyTo(ObjectNode endpoint) {
        ObjectNode body = endpoint.deepCopy();
        body.remove(List.of(READ_ONLY_TOP));
        ObjectNode properties = body.with("properties");
        properties.remove(List.of(READ_ONLY_PROPERTIES));
        if (body.get("identity") instanceof ObjectNode identity) {
            identity.remove(List.of(READ_ONLY_IDENTITY));
        }
        Map<String, Integer> traffic = new LinkedHashMap<>();
        traffic.put(stable, 100 - candidatePercent);
        traffic.put(candidate, candidatePercent);
        properties.path("traffic").fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            if (name.equalsIgnoreCase(stable) || name.equalsIgnoreCase(candidate)) {
                return;
            }
            if (entry.getValue().asInt() != 0) {
                throw new AzureMlException("OtherDeploymentHasTraffic", "deployment '" + name + "' receives "
                        + entry.getValue().asInt() + "% of endpoint " + endpoint.path("name").asText("?")
                        + "'s traffic; shadowgate splits only between '" + stable + "' and '" + candidate
                        + "': set its traffic to 0 first");
            }
        });
        ObjectNode written = properties.putObject("traffic");
        traffic.forEach(written::put);
        return body;
    }

    private static int percentOf(JsonNode traffic, String deployment) {
        Iterator<Map.Entry<String, JsonNode>> entries = traffic.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (entry.getKey().equalsIgnoreCase(deployment)) {
                return entry.getValue().asInt();
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return "{" + stable + ": " + (100 - candidatePercent) + ", " + candidate + ": " + candidatePercent + "}";
    }
}
