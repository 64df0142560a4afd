// Runs in every test file: the file's DynamoDB Local, if it started one, stops after its last test.
import { afterAll } from 'vitest';
import { stopFileDynamo } from './dynamo.ts';

afterAll(stopFileDynamo);
