import { Aws, Duration, Lazy, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { accessLogsBucket } from './access-logs.ts';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { RouteDef } from '../../functions/manifest.ts';

export interface PhotosProps {
  /** The district's id: the bucket is named after it, its account and region. */
  districtId: string;
  /** The site's URL (its domain, or CloudFront's; made after the API): the only origin whose pages may upload. */
  siteUrl: () => string;
}

/**
 * The bucket of residents' appeal photos and of staff's evidence photos (functions/photos/bucket.ts).
 * Private: pages upload with presigned POST forms whose policy binds size and type; kept photos
 * are read through ten-minute links. Uploads no record took expire after a day.
 */
export class Photos extends Construct {
  readonly bucket: Bucket;
  /** The origin pages upload to and show photos from: the CSP's connect-src and img-src. */
  readonly origin: string;
  private readonly districtId: string;
  constructor(scope: Construct, id: string, props: PhotosProps) {
    super(scope, id);
    this.districtId = props.districtId;
    const logs = accessLogsBucket(this, 'Logs');
    // Named, not generated: the pages' CSP (on CloudFront) names the bucket's origin and the
    // bucket's CORS names CloudFront's; a generated name would make the two depend on each other.
    this.bucketName = `gongzhi-${props.districtId}-photos-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'photos/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { prefix: 'incoming/', expiration: Duration.days(1) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      cors: [{
        allowedMethods: [HttpMethods.POST],
        allowedOrigins: [Lazy.string({ produce: () => props.siteUrl() })],
        allowedHeaders: ['*'],
        exposedHeaders: ['ETag'],
        maxAge: 3600,
      }],
    });
    // The regional endpoint (amazonaws.com.cn in China), as presigned forms and links name it.
    this.origin = `https://${this.bucketName}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`;
  }
  readonly bucketName: string;

  /** What a route's function may do with the bucket, by its manifest entry: one action on one prefix each. */
  grant(fn: LambdaFunction, use: NonNullable<RouteDef['photos']>): void {
    const objects = (prefix: string) => `arn:${Aws.PARTITION}:s3:::${this.bucketName}/${prefix}/*`;
    const allow = (action: string, prefix: string) => {
      fn.addToRolePolicy(new PolicyStatement({ actions: [action], resources: [objects(prefix)] }));
      Validations.of(fn.role!).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::gongzhi-${this.districtId}-photos-<AWS::AccountId>-<AWS::Region>/${prefix}/*]`,
        reason: `Photos are objects under ${prefix}/ whose keys are made per record (functions/photos/bucket.ts): the function may ${action} there and nowhere else.`,
      });
    };
    if (use.use === 'upload') allow('s3:PutObject', 'incoming');
    if (use.use === 'keep') {
      allow('s3:GetObject', 'incoming');
      allow('s3:PutObject', use.shelf);
    }
    if (use.use === 'view') allow('s3:GetObject', use.shelf);
  }
}

