// "journeygraph/react" is types only (react.d.ts: <journey-map> in React
// 19's JSX). This empty module lets `import "journeygraph/react"` resolve
// at run time too; it exports nothing and does nothing.
export {};
