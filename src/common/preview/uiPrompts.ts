// What the model is asked when it builds a UI from an image, and when it compares its page with the target.
import { describeStack, type ProjectStack } from './projectStack';

/** Where the page the preview shows should be written, given the stack and whether index.html exists. */
export function previewFileFor(stack: ProjectStack, indexExists: boolean): string {
  if (stack.framework !== 'html') return 'ui-from-image.preview.html';
  return indexExists ? 'ui-from-image.html' : 'index.html';
}

export function buildUiPrompt(stack: ProjectStack, previewFile: string): string {
  const lines = [
    'Build the user interface shown in the attached image, as close to it as you can: layout, spacing, sizes, colours, typography and text.',
    `This project uses ${describeStack(stack)}.`,
  ];
  if (stack.framework === 'html') {
    lines.push(`Write the page as \`${previewFile}\`${stack.styling === 'tailwind' ? ' (write the styles as plain CSS: the preview loads no CDN)' : ''}, with its styles inline or in local files it links by relative path.`);
  } else {
    lines.push(
      `Write the UI as ${stack.framework === 'react' ? 'React components' : stack.framework === 'vue' ? 'Vue single-file components' : 'Svelte components'} that follow the project's conventions and styling.`,
      `Also write \`${previewFile}\`: the same UI as static HTML and CSS (no build step, no framework), which the preview panel shows.`,
    );
  }
  lines.push(
    'The preview has no network: no CDN, remote fonts or remote images. Use system fonts, CSS shapes, inline SVG or neutral placeholder blocks for pictures.',
    'Propose every file with write_file (the user reviews each one). Keep the answer short: what you built and anything you could not match.',
  );
  return lines.join('\n');
}

export function comparePrompt(file: string, snapshot: { width: number; height: number }): string {
  return [
    `The first image is the target. The second is \`${file}\` as the preview renders it now (${snapshot.width} x ${snapshot.height} px).`,
    'List the visible differences (layout, spacing, sizes, colours, typography, missing or extra elements), most visible first.',
    `Then fix them in \`${file}\`${file.endsWith('.preview.html') ? ' and in the components it mirrors' : ''} with edit_file or write_file. If the page already matches, say so and change nothing.`,
  ].join('\n');
}
