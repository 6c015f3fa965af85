// `import styles from './styles.css'`: the stylesheet's text, bundled by scripts/webviewStyles.mjs.
declare module '*.css' {
  const text: string;
  export default text;
}
