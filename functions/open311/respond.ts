// Every Open311 answer in its format, and every refusal in Open311's own error shape (a list of
// {code, description}) with its status: 404 for what does not exist, 403 for the key, 400 else.
import { RawResult } from '../lib/http.ts';
import { logger } from '../lib/logger.ts';
import { errorBody, Open311Error, splitFile, type Format } from './format.ts';

export async function respond(file: string, answer: (name: string, format: Format) => Promise<{ contentType: string; body: string }>): Promise<RawResult> {
  const split = splitFile(file);
  if (!split) {
    const e = errorBody('json', 404, '请求的格式须为 .json 或 .xml (use .json or .xml)');
    return new RawResult(e.contentType, e.body, undefined, 404);
  }
  const [name, format] = split;
  try {
    const ok = await answer(name, format);
    return new RawResult(ok.contentType, ok.body);
  } catch (error) {
    if (!(error instanceof Open311Error)) {
      logger.error('open311 failed', { error: error as Error });
      const e = errorBody(format, 400, '暂时无法处理，请稍后再试 (temporarily unable to process the request)');
      return new RawResult(e.contentType, e.body, undefined, 400);
    }
    const e = errorBody(format, error.status, error.description);
    return new RawResult(e.contentType, e.body, undefined, error.status);
  }
}
