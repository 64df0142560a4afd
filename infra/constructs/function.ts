// Every Lambda function's defaults, fixed once: Node.js 24 on ARM64, a minified ESM bundle
// made by the local esbuild (no Docker), a log group with retention.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { ROOT } from '../paths.ts';
import { BUNDLE } from '../bundling.ts';

export interface GongzhiFunctionProps {
  /** Module under functions/, without extension. */
  module: string;
  environment: Record<string, string>;
  timeoutSeconds?: number;
  memoryMb?: number;
}

export class GongzhiFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: GongzhiFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.SIX_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    // Its own role with write access to its own log group only, instead of the managed
    // AWSLambdaBasicExecutionRole that may write to any log group.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      role,
      entry: join(ROOT, 'functions', `${props.module}.ts`),
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb ?? 512,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE.target,
        minify: BUNDLE.minify,
        sourceMap: true,
        // The AWS SDK is bundled at the exact version the tests ran against rather than taken
        // from the runtime, whose copy changes without notice (see P2 in test/bench/RESULTS.md).
        externalModules: [],
        mainFields: [...BUNDLE.mainFields],
        banner: BUNDLE.banner,
      },
    });
  }
}
