import { describe, expect, it } from 'vitest';
import { sniffDocumentType } from './document-body.js';
import { attachmentDisposition, documentFileName, FILE_NAME_MAX } from './document-file-name.js';

describe('sniffDocumentType', () => {
  it('knows PDF, JPEG and PNG by their magic bytes and nothing else', () => {
    expect(sniffDocumentType(Buffer.from('%PDF-1.4\n'))).toBe('application/pdf');
    expect(sniffDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    for (const other of [
      Buffer.from('MZ\x90\x00'),
      Buffer.from([0x7f, 0x45, 0x4c, 0x46]),
      Buffer.from('#!/bin/sh'),
      Buffer.from('%PDF'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      Buffer.alloc(0),
    ]) {
      expect(sniffDocumentType(other)).toBeUndefined();
    }
  });
});

describe('documentFileName', () => {
  it('keeps a plain name as it is', () => {
    expect(documentFileName(encodeURIComponent('Устав ПК.pdf'), 'charter', 'application/pdf')).toBe(
      'Устав ПК.pdf',
    );
    expect(documentFileName('scan.JPEG', 'other', 'image/jpeg')).toBe('scan.JPEG');
  });

  it('drops the path, control and reserved characters, and adds the sniffed type’s extension', () => {
    expect(
      documentFileName(encodeURIComponent('..\\..\\x/evil\u202egpj.exe'), 'other', 'image/png'),
    ).toBe('evilgpj.exe.png');
    expect(
      documentFileName(encodeURIComponent('a<b>:c"d|e?f*.pdf'), 'other', 'application/pdf'),
    ).toBe('abcdef.pdf');
  });

  it('falls back to the kind without a usable name, and reads a malformed encoding as it is', () => {
    expect(documentFileName(undefined, 'egrul_extract', 'application/pdf')).toBe(
      'egrul_extract.pdf',
    );
    expect(documentFileName(' ... ', 'charter', 'image/png')).toBe('charter.png');
    expect(documentFileName('100%.pdf', 'other', 'application/pdf')).toBe('100%.pdf');
  });

  it('cuts a long name to 200 characters, keeping the extension', () => {
    const name = documentFileName(
      encodeURIComponent(`${'ж'.repeat(500)}.pdf`),
      'other',
      'application/pdf',
    );
    expect([...name]).toHaveLength(FILE_NAME_MAX);
    expect(name.endsWith('ж.pdf')).toBe(true);
    const bare = documentFileName('x'.repeat(500), 'other', 'image/jpeg');
    expect(bare).toHaveLength(FILE_NAME_MAX);
    expect(bare.endsWith('x.jpg')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('Устав "ПК".pdf')).toBe(
      `attachment; filename="_____ ____.pdf"; filename*=UTF-8''${encodeURIComponent('Устав "ПК".pdf')}`,
    );
  });
});
