import { Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { AllowedMethods, CachePolicy, type CfnDistribution, Distribution, HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, OriginRequestPolicy, PriceClass, ResponseHeadersPolicy, SecurityPolicyProtocol, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { accessLogsBucket } from './access-logs.ts';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { ORIGIN_HEADER } from '../../functions/lib/signals.ts';
import { API_PATH_PREFIXES } from '../paths.ts';
import { contentSecurityPolicy, FRAME_OPTIONS, HSTS, PERMISSIONS_POLICY, REFERRER_POLICY } from '../security-headers.ts';

export interface WebProps {
  api: HttpApi;
  /** Sent to the API on every request as x-gongzhi-origin (functions/lib/http.ts). */
  originSecret: string;
  /** A WAFv2 web ACL (scope CLOUDFRONT) in front of the site. */
  webAclArn?: string;
  /** Built pages (web/dist); null leaves the bucket empty (tests that skip the web build). */
  webDir: string | null;
  domain?: { name: string; certificate: { acmArn: string } | { iamServerCertificateId: string } };
  /**
   * In the AWS China regions: the S3 origin through an origin access identity (OAC is not
   * offered there), the certificate from IAM, HTTP/2, no IPv6 and no price class (as AWS's
   * sample for CloudFront in China does).
   */
  china?: boolean;
  /** Origins the pages fetch from besides their own (the Cognito domain): the CSP's connect-src. */
  connectSources?: string[];
  /** Origins the pages show images from besides their own (the photo bucket): the CSP's img-src. */
  imageSources?: string[];
  /** Deployed as /config.json next to the pages, given the site's URL. */
  config: (url: string) => Record<string, unknown>;
}

/** The pages from S3 and the API under /api/*, one origin so no CORS is needed. */
export class Web extends Construct {
  readonly distribution: Distribution;
  readonly url: string;
  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const logs = accessLogsBucket(this, 'Logs');
    const pages = new Bucket(this, 'Pages', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'pages/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The page security headers of infra/security-headers.ts, the ones the local host sends.
    const pageHeaders = new ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'Page security headers from infra/security-headers.ts',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.connectSources, props.imageSources), override: true },
        // CloudFront's only value: nosniff (CONTENT_TYPE_OPTIONS; the infra test compares).
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: enumValue(HeadersFrameOption, FRAME_OPTIONS), override: true },
        referrerPolicy: { referrerPolicy: enumValue(HeadersReferrerPolicy, REFERRER_POLICY), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS.maxAgeSeconds), includeSubdomains: HSTS.includeSubdomains, preload: HSTS.preload, override: true },
      },
      customHeadersBehavior: { customHeaders: [{ header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true }] },
    });
    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    const acmArn = props.domain && 'acmArn' in props.domain.certificate ? props.domain.certificate.acmArn : undefined;
    const iamCertificateId = props.domain && 'iamServerCertificateId' in props.domain.certificate ? props.domain.certificate.iamServerCertificateId : undefined;
    // One origin for both API paths: our own and Open311's standard one.
    const apiOrigin = new HttpOrigin(apiDomain, { customHeaders: { [ORIGIN_HEADER]: props.originSecret } });
    this.distribution = new Distribution(this, 'Cdn', {
      defaultRootObject: 'index.html',
      ...(props.china ? { httpVersion: HttpVersion.HTTP2, enableIpv6: false } : { httpVersion: HttpVersion.HTTP2_AND_3, priceClass: PriceClass.PRICE_CLASS_ALL }),
      ...(props.domain && acmArn
        ? { domainNames: [props.domain.name], certificate: Certificate.fromCertificateArn(this, 'Certificate', acmArn), minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cdn/',
      defaultBehavior: {
        origin: props.china ? S3BucketOrigin.withOriginAccessIdentity(pages) : S3BucketOrigin.withOriginAccessControl(pages),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: pageHeaders,
      },
      additionalBehaviors: Object.fromEntries(API_PATH_PREFIXES.map((prefix) => [`${prefix}*`, {
        origin: apiOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        // Forwards the viewer's headers and CloudFront-Viewer-Address, which the limits key on.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      }])),
    });
    if (props.domain && iamCertificateId) {
      // The L2 Distribution takes ACM certificates only: an IAM server certificate and the
      // aliases it covers are set on the CloudFormation resource.
      const cfn = this.distribution.node.defaultChild as CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [props.domain.name]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', { IamCertificateId: iamCertificateId, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
    }
    this.url = props.domain ? `https://${props.domain.name}` : `https://${this.distribution.distributionDomainName}`;
    const cdn = Validations.of(this.distribution);
    if (iamCertificateId) {
      cdn.acknowledge({ id: 'AwsSolutions::AwsSolutions-CFR4', reason: 'The viewer certificate is the IAM server certificate with MinimumProtocolVersion TLSv1.2_2021, set by a property override (CloudFront in China takes no ACM certificate); cdk-nag reads the construct before the override. test/infra/china.test.ts checks the template.' });
    }
    if (props.china) {
      cdn.acknowledge({ id: 'AwsSolutions::AwsSolutions-CFR7', reason: 'Origin access control is not offered by CloudFront in the AWS China regions; the bucket is reached through an origin access identity and blocks all public access.' });
    }
    if (!props.domain) {
      cdn.acknowledge({ id: 'AwsSolutions::AwsSolutions-CFR4', reason: 'Without a district domain the CloudFront default certificate is used, whose TLS policy cannot be set; set `domain` in infra/districts/ to get TLS 1.2+ only.' });
    }
    cdn.acknowledge(
      { id: 'AwsSolutions::AwsSolutions-CFR1', reason: 'No geo restriction: owners living elsewhere (or abroad) must be able to vote and read notices.' },
    );
    if (!props.webAclArn) {
      cdn.acknowledge({ id: 'AwsSolutions::AwsSolutions-CFR2', reason: 'This district config sets no `waf` (a CloudFront web ACL lives in us-east-1 and is priced per rule); the API has throttling, per-viewer limits on codes, and every write is authenticated. See README, deploy.' });
    }
    if (props.webDir) {
      new BucketDeployment(this, 'Deploy', { sources: [Source.asset(props.webDir), Source.jsonData('config.json', props.config(this.url))], destinationBucket: pages, distribution: this.distribution, distributionPaths: ['/*'] });
      acknowledgeBucketDeployment(Stack.of(this));
    }
  }
}

/** The CloudFront enum member whose value is `value` (the shared module has plain strings). */
function enumValue<E extends Record<string, string>>(e: E, value: string): E[keyof E] {
  const found = Object.values(e).find((v) => v === value);
  if (found === undefined) throw new Error(`CloudFront has no header value ${value}`);
  return found as E[keyof E];
}

/**
 * BucketDeployment runs a singleton function of aws-cdk-lib's own that copies the built pages
 * at deploy time. Its role and runtime are not ours to shape; each finding is named.
 */
function acknowledgeBucketDeployment(stack: Stack) {
  const singleton = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!singleton) return;
  // The asset bucket's name carries the account and region when the district sets them.
  const where = `${Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account}-${Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region}`;
  const why = 'aws-cdk-lib BucketDeployment singleton that copies the built pages from the CDK asset bucket to the pages bucket at deploy time; its policy and runtime are set by aws-cdk-lib.';
  Validations.of(singleton).acknowledge(
    ...['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]', 'AwsSolutions-IAM5[Action::s3:GetBucket*]', 'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]', 'AwsSolutions-IAM5[Action::s3:Abort*]', 'AwsSolutions-IAM5[Resource::*]',
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${where}/*]`,
      'AwsSolutions-IAM5[Resource::<WebPages5FDC1F78.Arn>/*]', 'AwsSolutions-L1',
    ].map((rule) => ({ id: `AwsSolutions::${rule}`, reason: why })),
  );
}
