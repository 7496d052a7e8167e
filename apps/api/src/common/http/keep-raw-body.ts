import { RawBodyRequest } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';

/** After express.raw(): the bytes as `rawBody`, where Nest's own parsers would have put them. */
export function keepRawBody(req: RawBodyRequest<Request>, _res: Response, next: NextFunction): void {
  if (Buffer.isBuffer(req.body)) req.rawBody = req.body;
  next();
}
