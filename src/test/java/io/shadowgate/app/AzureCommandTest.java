package io.shadowgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.azure.ArmAccess;
import io.shadowgate.config.AzureMlConfig;
import io.shadowgate.testing.FakeArm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code shadowgate azure status|set-traffic} against a fake Resource Manager on loopback. */
class AzureCommandTest {
    @TempDir
    Path dir;
    private FakeArm arm;

    record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void startArm() {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", "https://fraud.westeurope.inference.ml.azure.com/score"),
                "blue", "green");
    }

    @AfterEach
    void stopArm() {
        arm.close();
    }

    private Path config(String credential) throws Exception {
        return Files.writeString(dir.resolve("shadowgate.yaml"), arm.azuremlSection() + "  credential: " + credential + "\n");
    }

    private static Run run(Function<AzureMlConfig, ArmAccess> access, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new AzureCommand(access));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(config -> arm.access(), args);
    }

    @Test
    void statusPrintsDeploymentsTrafficAndMirrorTraffic() throws Exception {
        Run run = run("status", "--config", config("default").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("endpoint       fraud (westeurope, Succeeded, auth Key)")
                .contains("scoring URI    https://fraud.westeurope.inference.ml.azure.com/score")
                .contains("traffic        {\"blue\":100,\"green\":0}")
                .contains("mirrorTraffic  {\"green\":10}");
        assertThat(run.out().lines().filter(line -> line.startsWith("blue (stable)")))
                .singleElement().asString().contains("Succeeded").contains("100%").contains("azureml:fraud:3");
        assertThat(run.out().lines().filter(line -> line.startsWith("green (candidate)")))
                .singleElement().asString().contains("0%").contains("10%");
    }

    @Test
    void setTrafficAppliesOneSplitAndKeepsMirrorTraffic() throws Exception {
        Run run = run("set-traffic", "--config", config("default").toString(), "--candidate", "25");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("endpoint fraud: traffic is now {blue: 75, green: 25}");
        assertThat(arm.traffic()).isEqualTo(Map.of("blue", 75, "green", 25));
        assertThat(arm.endpoint().path("properties").path("mirrorTraffic").toString()).isEqualTo("{\"green\":10}");
    }

    @Test
    void aPercentOutsideZeroToHundredIsAUsageError() throws Exception {
        Run run = run("set-traffic", "--config", config("default").toString(), "--candidate", "120");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give 0..100");
        assertThat(arm.requests("GET")).isEmpty();
    }

    @Test
    void aConfigWithoutAnEndpointSaysWhatToAdd() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.yaml"), "stable: { url: http://127.0.0.1:9101 }\n");
        Run run = run("status", "--config", plain.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has no azureml section").contains("config/azureml.yaml");
    }

    @Test
    void aMissingServicePrincipalNamesTheVariablesToSet() throws Exception {
        Run run = run(config -> ArmAccess.forConfig(config, Map.of("AZURE_TENANT_ID", "t")),
                "status", "--config", config("environment").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("set AZURE_CLIENT_ID, AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)")
                .doesNotContain("AZURE_TENANT_ID,");
        assertThat(arm.requests("GET")).as("nothing is sent without a credential").isEmpty();
    }

    @Test
    void aMissingAzureCliSaysToInstallIt() throws Exception {
        Run run = run(config -> ArmAccess.forConfig(config, Map.of("PATH", dir.toString())),
                "status", "--config", config("cli").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("'az'").contains("az login");
    }

    @Test
    void resourceManagerRefusingIsReportedWithAzuresCode() throws Exception {
        arm.failNext("GET", 403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no read on fraud\"}}");
        Run run = run("status", "--config", config("default").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("azure: AuthorizationFailed (HTTP 403): no read on fraud");
    }
}
