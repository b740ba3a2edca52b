// Imported first by the server entry: React and Remix choose their production code when the
// modules load, and their development builds render pages several times slower (measured: the
// home page spent most of its time in react-dom-server.development). A caller may still set
// NODE_ENV itself.
process.env.NODE_ENV ??= 'production'
export {}
