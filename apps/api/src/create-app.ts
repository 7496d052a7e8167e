import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { raw } from 'express';
import { Logger } from 'nestjs-pino';
import { NEXT_CURSOR_HEADER, TOTAL_COUNT_HEADER } from '@mozaic/contracts';
import { AppModule, AppOptions } from './app.module';
import { AppConfig } from './config/app-config';
import { apiInputGuard, bodyParserErrors } from './common/http/api-input-guard';
import { keepRawBody } from './common/http/keep-raw-body';
import { securityHeaders } from './common/http/security-headers';
import { serverTiming } from './common/http/server-timing';
import { WebhookHttpAdapter } from './modules/webhooks/http/webhook-http-adapter.service';
import { webhookFastPath } from './modules/webhooks/http/webhook-fast-path';
import { httpMetrics } from './metrics/http-metrics';
import { MetricsRegistry } from './metrics/metrics-registry.service';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application (not yet listening): used by main.ts and by the e2e tests alike. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
    bodyParser: false,
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // The first middleware: deliveries take the lean path (thousands per second), which gives them the same
  // security headers, Server-Timing and metrics itself; every other request goes on down the chain.
  app.use(webhookFastPath(app.get(WebhookHttpAdapter)));
  app.use(serverTiming);
  app.use(httpMetrics(app.get(MetricsRegistry)));
  app.use(securityHeaders);
  app.use(cookieParser());
  // Webhooks the lean path leaves to Express (compressed bodies) are verified and stored as the raw bytes.
  app.use('/webhooks', raw({ type: () => true, limit: config.bodyLimit }), keepRawBody);
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
  // SNS posts JSON as text/plain: keep it as text, with the raw bytes, for the webhook intake.
  app.useBodyParser('text', { limit: config.bodyLimit, type: 'text/plain' });
  app.use(bodyParserErrors);
  app.use(`/${API_PREFIX}`, apiInputGuard);
  app.use('/alertmanager', apiInputGuard);
  if (config.corsOrigins.length) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      credentials: true,
      exposedHeaders: [TOTAL_COUNT_HEADER, NEXT_CURSOR_HEADER, 'X-Request-Id', 'Retry-After'],
    });
  }
  // Webhooks, and the Alertmanager API (whose clients know its own paths), live outside /api/v1.
  app.setGlobalPrefix(API_PREFIX, { exclude: ['webhooks/{*path}', 'alertmanager/{*path}', 'metrics'] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
    }),
  );
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('MOZAIC API')
    .setDescription(
      'Incident intelligence: signals from Kubernetes, Docker, CloudWatch, Grafana/Alertmanager and Sentry, correlated into incidents.',
    )
    .setVersion('1.0')
    .addBearerAuth()
    .addCookieAuth('mozaic_refresh')
    .build();
  return SwaggerModule.createDocument(app, config);
}
