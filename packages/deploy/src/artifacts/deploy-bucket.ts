import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { isNotFound } from '../aws/aws-error.js';

/**
 * The artifact bucket of an environment: one per account and region, named after both so it is
 * globally unique and never shared between environments (each environment is its own account).
 */
export function deployBucketName(account: string, region: string): string {
  return `motorcade-deploy-${account}-${region}`;
}

/**
 * The bucket deploys upload function code and templates to. Created on first use, so going from
 * a laptop to a new account needs no manual step.
 */
export class DeployBucket {
  readonly name: string;
  readonly #s3: S3Client;
  readonly #region: string;
  #ready: Promise<boolean> | undefined;

  constructor(s3: S3Client, name: string, region: string) {
    this.#s3 = s3;
    this.name = name;
    this.#region = region;
  }

  /** Makes sure the bucket exists; true when this call created it. */
  ensure(): Promise<boolean> {
    this.#ready ??= this.#ensure();
    return this.#ready;
  }

  /**
   * Uploads bytes under a content-addressed key unless an object is already there: the key holds
   * the hash, so an existing object is the same bytes. True when it was uploaded.
   */
  async putOnce(key: string, bytes: Buffer, contentType: string): Promise<boolean> {
    await this.ensure();
    try {
      await this.#s3.send(new HeadObjectCommand({ Bucket: this.name, Key: key }));
      return false;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    await this.#s3.send(
      new PutObjectCommand({ Bucket: this.name, Key: key, Body: bytes, ContentType: contentType }),
    );
    return true;
  }

  /** The HTTPS URL CloudFormation reads a template from. */
  url(key: string): string {
    return `https://${this.name}.s3.${this.#region}.amazonaws.com/${key}`;
  }

  async #ensure(): Promise<boolean> {
    try {
      await this.#s3.send(new HeadBucketCommand({ Bucket: this.name }));
      return false;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    // us-east-1 is the one region that refuses an explicit LocationConstraint.
    const location =
      this.#region === 'us-east-1'
        ? {}
        : { CreateBucketConfiguration: { LocationConstraint: this.#region as BucketLocationConstraint } };
    await this.#s3.send(new CreateBucketCommand({ Bucket: this.name, ...location }));
    return true;
  }
}
