// Vite's `?raw` suffix inlines a file's text into the bundle (used for licence texts shown in
// the About box, which must travel with the app).
declare module '*?raw' {
  const content: string;
  export default content;
}
