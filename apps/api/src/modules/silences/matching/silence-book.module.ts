import { Module } from '@nestjs/common';
import { SilenceBook } from './silence-book.service';

/** The silence decisions alone, for the module whose transactions change alerts (Incidents). */
@Module({ providers: [SilenceBook], exports: [SilenceBook] })
export class SilenceBookModule {}
