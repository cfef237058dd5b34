// Reads a PDF's structure tree as a screen reader meets it: each tagged element (H1, P, Table, TH, TD, Figure …)
// with the text of the content marked for it, in reading order (pdf.js, as Firefox reads tagged PDFs).
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TaggedElement {
  role: string;
  /** The text of the marked content directly inside the element (empty for grouping elements). */
  text: string;
  alt?: string;
  depth: number;
}

interface StructNode {
  role?: string;
  alt?: string;
  children?: (StructNode | { type: 'content'; id: string } | { type: string; id?: string })[];
}

export async function readPdfStructure(pdf: Uint8Array): Promise<{ elements: TaggedElement[]; marked: boolean; lang: string | null; title: string | null; untaggedText: string[]; artifactText: string[] }> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const elements: TaggedElement[] = [];
    const untaggedText: string[] = [];
    /** Text marked as an artifact (page numbers, running headers): shown, but not read as content. */
    const artifactText: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const textOf = new Map<string, string>();
      const open: (string | null)[] = [];
      for (const item of content.items as ({ type?: string; id?: string; tag?: string } & { str?: string; hasEOL?: boolean })[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? (item.tag === 'Artifact' ? 'artifact' : null));
        else if (item.type === 'endMarkedContent') open.pop();
        else if (typeof item.str === 'string') {
          const id = open.findLast((o) => o !== null) ?? null;
          const str = item.hasEOL ? `${item.str} ` : item.str;
          if (id === null) {
            if (str.trim()) untaggedText.push(str);
          } else if (id === 'artifact') {
            if (str.trim()) artifactText.push(str);
          } else textOf.set(id, (textOf.get(id) ?? '') + str);
        }
      }
      const walk = (node: StructNode, depth: number) => {
        if (node.role) {
          const text = (node.children ?? []).map((c) => ('type' in c && c.type === 'content' && c.id ? (textOf.get(c.id) ?? '') : '')).join('');
          elements.push({ role: node.role, text: text.replace(/\s+/g, ' ').trim(), ...(node.alt ? { alt: node.alt } : {}), depth });
        }
        for (const child of node.children ?? []) if (!('type' in child)) walk(child as StructNode, depth + (node.role ? 1 : 0));
      };
      const tree = (await page.getStructTree()) as StructNode | null;
      if (tree) walk(tree, 0);
    }
    const markInfo = await document.getMarkInfo();
    const metadata = await document.getMetadata();
    const info = metadata.info as { Title?: string; Language?: string };
    return { elements, marked: markInfo?.Marked === true, lang: info.Language ?? null, title: info.Title ?? null, untaggedText, artifactText };
  } finally {
    await document.destroy();
  }
}
