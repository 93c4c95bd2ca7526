package io.shadowgate.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import io.shadowgate.config.AzureMlConfig.Credential;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The azure-identity credential named by {@code azureml.credential}. What a credential needs is
 * checked here, before any token is asked for, so that a missing variable is a message naming it
 * rather than a chain of "credential unavailable" errors at the first rollout step.
 */
final class AzureCredentials {
    static final String TENANT = "AZURE_TENANT_ID";
    static final String CLIENT = "AZURE_CLIENT_ID";
    static final String SECRET = "AZURE_CLIENT_SECRET";
    static final String CERTIFICATE = "AZURE_CLIENT_CERTIFICATE_PATH";

    private AzureCredentials() {}

    static TokenCredential create(Credential kind, Map<String, String> environment) {
        return switch (kind) {
            case DEFAULT -> new DefaultAzureCredentialBuilder().build();
            case ENVIRONMENT -> {
                requireServicePrincipal(environment);
                yield new EnvironmentCredentialBuilder().build();
            }
            case CLI -> {
                requireAzureCli(environment);
                yield new AzureCliCredentialBuilder().build();
            }
            case MANAGED_IDENTITY -> {
                String clientId = environment.get(CLIENT); // a user-assigned identity, when set
                ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
                yield (clientId == null || clientId.isBlank() ? builder : builder.clientId(clientId)).build();
            }
        };
    }

    private static void requireServicePrincipal(Map<String, String> environment) {
        List<String> missing = new ArrayList<>();
        for (String name : List.of(TENANT, CLIENT)) {
            if (blank(environment.get(name))) {
                missing.add(name);
            }
        }
        if (blank(environment.get(SECRET)) && blank(environment.get(CERTIFICATE))) {
            missing.add(SECRET + " (or " + CERTIFICATE + ")");
        }
        if (!missing.isEmpty()) {
            throw new AzureMlException("CredentialMissing", "azureml.credential is 'environment', which needs a"
                    + " service principal in the environment; set " + String.join(", ", missing)
                    + ", or pick another azureml.credential (cli, managed-identity, default)");
        }
    }

    private static void requireAzureCli(Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, "az").canExecute()) {
                return;
            }
        }
        throw new AzureMlException("CredentialMissing", "azureml.credential is 'cli', but the Azure CLI ('az') is not"
                + " on the PATH; install it and run 'az login', or pick another azureml.credential"
                + " (environment, managed-identity, default)");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
