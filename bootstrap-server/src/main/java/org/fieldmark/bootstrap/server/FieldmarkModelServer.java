package org.fieldmark.bootstrap.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.http.in.serving.ModelServingApi;
import org.fieldmark.adapter.http.in.serving.ModelServingSettings;
import org.fieldmark.adapter.http.in.web.WebApi;
import org.fieldmark.adapter.http.in.web.WebApiSettings;
import org.fieldmark.adapter.local.onnx.BundledBirdModel;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.service.ClassifyBatchService;
import org.fieldmark.application.service.ServingSettings;
import org.fieldmark.configuration.ServeConfig;
import org.fieldmark.configuration.ServerConfig;
import org.fieldmark.domain.CatalogProjection;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * {@code fieldmark serve}: the model alone, as a model server. It answers the Open Inference
 * Protocol v2 under {@code /v2} and the SageMaker container contract ({@code GET /ping},
 * {@code POST /invocations}) with SageMaker Runtime's path, on {@code server.port} (8080, SageMaker's
 * port, by default), with the configured model and catalog; no folder, bird log or notification.
 * This is the process a SageMaker container runs ({@code docker run <image> serve}).
 */
public final class FieldmarkModelServer implements AutoCloseable {

    /** The command-line word that starts the model server instead of the full server. */
    static final List<String> COMMANDS = List.of("serve", "serve-model");

    private static final Logger LOG = System.getLogger(FieldmarkModelServer.class.getName());

    private final Vertx vertx;
    private final ModelServingApi api;
    private final HttpServer http;
    private final List<AutoCloseable> resources;

    private FieldmarkModelServer(Vertx vertx, ModelServingApi api, HttpServer http, List<AutoCloseable> resources) {
        this.vertx = vertx;
        this.api = api;
        this.http = http;
        this.resources = resources;
    }

    /** {@code true} when the command line asks for the model server ({@code serve ...}). */
    static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs {@code serve} with the options after the command word; exits with 2 on a bad configuration. */
    static void main(String[] args) {
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        if (ServerConfigLoader.wantsHelp(options)) {
            System.out.print(ServerConfigLoader.help());
            return;
        }
        FieldmarkModelServer server;
        try {
            ServerConfigLoader.Serving config = ServerConfigLoader.withEnvironment(System.getenv())
                    .loadServing(options);
            server = start(config.server(), config.serve());
        } catch (ConfigurationInvalidException e) {
            System.err.println("Fieldmark cannot serve the model: " + e.getMessage());
            System.err.println("Run with serve --help to see every option.");
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fieldmark-serve-shutdown"));
    }

    /**
     * Builds the model and starts listening; returns once requests are accepted.
     *
     * @throws ConfigurationInvalidException when the model or catalog cannot be built or the port not bound
     */
    static FieldmarkModelServer start(ServerConfig config, ServeConfig serve) {
        List<AutoCloseable> resources = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            List<String> problems = new ArrayList<>();
            SpeciesCatalog served = ModelWiring.catalog(config.identification().labels(), problems);
            if (!problems.isEmpty()) {
                throw new ConfigurationInvalidException(problems);
            }
            AwsWiring aws = config.inference().kind() == ServerConfig.InferenceKind.SAGEMAKER
                    ? new AwsWiring(config.aws(), resources) : null;
            ModelWiring.Model model = ModelWiring.model(config.inference(), aws, resources);
            CatalogProjection projection = projection(config, served);
            ClassifyBatchService service = new ClassifyBatchService(model.port(), new ServingSettings(projection,
                    config.identification().maxImageBytes(), serve.maxBatch()));
            ServerConfig.Http httpConfig = config.http();
            ModelServingApi api = new ModelServingApi(service, new ModelServingSettings(serve.modelName(),
                    httpConfig.maxBodyBytes(), httpConfig.workers(), httpConfig.queueCapacity(), httpConfig.apiKey()),
                    model.readiness());
            HttpServer http = listen(vertx, api, httpConfig);
            WebApi.exposureWarning(httpConfig.host(), WebApiSettings.defaults().withApiKey(httpConfig.apiKey()))
                    .ifPresent(warning -> LOG.log(Level.WARNING, warning));
            LOG.log(Level.INFO, "Fieldmark model server listening on http://" + httpConfig.host() + ":"
                    + http.actualPort() + "/ (model '" + serve.modelName() + "', inference="
                    + config.inference().kind().name().toLowerCase(Locale.ROOT) + ", " + projection
                    + ", " + served.size() + " classes; Open Inference Protocol under /v2, SageMaker /invocations)");
            return new FieldmarkModelServer(vertx, api, http, resources);
        } catch (RuntimeException e) {
            vertx.close();
            ServerWiring.closeAll(resources);
            throw e;
        }
    }

    /** The catalog the model answers in (the bundled model's own, else the configured one) to the served one. */
    static CatalogProjection projection(ServerConfig config, SpeciesCatalog served) {
        ServerConfig.Inference inference = config.inference();
        SpeciesCatalog model = inference.kind() == ServerConfig.InferenceKind.EMBEDDED
                && inference.embeddedModel().equals("bundled") ? BundledBirdModel.catalog() : served;
        try {
            return CatalogProjection.between(model, served);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationInvalidException(List.of("identification.labels: " + e.getMessage()));
        }
    }

    private static HttpServer listen(Vertx vertx, ModelServingApi api, ServerConfig.Http config) {
        try {
            return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                    .requestHandler(api.router(vertx)).listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (FieldmarkException e) {
            throw e;
        } catch (Exception e) {
            throw new ConfigurationInvalidException(List.of("the model server could not start on " + config.host()
                    + ":" + config.port() + ": " + e.getMessage()));
        }
    }

    /** The port it listens on (useful when configured as 0). */
    int port() {
        return http.actualPort();
    }

    @Override
    public void close() {
        try {
            http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            api.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "shutting down the model server: " + e);
        } finally {
            ServerWiring.closeAll(resources);
        }
    }
}
