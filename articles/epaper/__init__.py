"""The print edition's machinery: reading the layout system's PDFs (``pdf``),
finding each article on its page (``regions``), storing an edition's pages
(``pages``) and generating newspaper pages for the demo and the tests
(``sample``)."""
