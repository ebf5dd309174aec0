<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer: the LaTeX preamble and the macros the other print stylesheets emit.
     Every \ed… macro used in the generated text is defined here, so the look of the edition is
     changed in one place.  Nothing in this file comes from a document. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="preamble">
    <xsl:param name="pdf-title"/>
    <xsl:param name="pdf-author"/>
    <xsl:text>\documentclass[11pt,twoside,openany]{book}
\usepackage[paperwidth=170mm,paperheight=240mm,inner=20mm,outer=30mm,top=22mm,bottom=24mm,
  headsep=6mm,footskip=10mm,marginparwidth=20mm]{geometry}
\usepackage{fontspec}
% No TeX ligatures: quotes, apostrophes and dashes print exactly as the documents have them.
\setmainfont{Linux Libertine O}[Ligatures={Common,TeXOff}]
\setsansfont{Linux Biolinum O}[Ligatures={Common,TeXOff}]
\newfontfamily\edfallbackfont{DejaVu Sans}[Scale=MatchLowercase]
\newfontfamily\edcjkfont{WenQuanYi Micro Hei}[Scale=MatchLowercase]
\usepackage{polyglossia}
\setdefaultlanguage[variant=american]{english}
\usepackage[noautomatic]{imakeidx}
\usepackage[series={A,B,C},noend,nofamiliar,noeledsec]{reledmac}
% after reledmac, which hooks \edindex (page and line) into \makeindex
\makeindex[name=persons,title={Index of persons},columns=1,intoc]
\makeindex[name=places,title={Index of places},columns=1,intoc]
\usepackage{fancyhdr}
\usepackage{xcolor}
% PDF metadata and bookmarks: hyperref after reledmac and imakeidx (xdvipdfmx writes the outlines);
% the documents and the indexes are bookmarked from their table-of-contents lines; hyperindex=false
% because an index entry may hold a "|" of its own, which hyperref's index links would take apart.
\usepackage[unicode,bookmarks=true,bookmarksopen=true,bookmarksnumbered=false,hyperindex=false,hidelinks]{hyperref}
\hypersetup{pdftitle={</xsl:text><xsl:value-of select="$pdf-title"/><xsl:text>},
  pdfauthor={</xsl:text><xsl:value-of select="$pdf-author"/><xsl:text>},pdfcreator={editio}}
\tracinglostchars=2
\makeatletter
% Characters the main font lacks: CJK from WenQuanYi Micro Hei, block and box symbols
% (redaction bars) from DejaVu Sans.  XeTeX's character classes switch the family around a run
% of such characters and switch back to the surrounding family afterwards.
\XeTeXinterchartokenstate=1
\newXeTeXintercharclass\ed@cjkclass
\newXeTeXintercharclass\ed@symclass
\def\ed@setclass#1#2#3{\count@=#1\relax
  \loop\XeTeXcharclass\count@=#3\relax\ifnum\count@&lt;#2\advance\count@\@ne\repeat}
\ed@setclass{"2E80}{"9FFF}\ed@cjkclass
\ed@setclass{"AC00}{"D7AF}\ed@cjkclass
\ed@setclass{"F900}{"FAFF}\ed@cjkclass
\ed@setclass{"FF00}{"FFEF}\ed@cjkclass
\ed@setclass{"2580}{"259F}\ed@symclass
\ed@setclass{"2E00}{"2E7F}\ed@symclass
\def\ed@enter#1{\edef\ed@outerfamily{\f@family}#1}
\def\ed@leave{\fontfamily{\ed@outerfamily}\selectfont}
\XeTeXinterchartoks 0 \ed@cjkclass = {\ed@enter\edcjkfont}
\XeTeXinterchartoks 4095 \ed@cjkclass = {\ed@enter\edcjkfont}
\XeTeXinterchartoks \ed@cjkclass 0 = {\ed@leave}
\XeTeXinterchartoks \ed@cjkclass 4095 = {\ed@leave}
\XeTeXinterchartoks 0 \ed@symclass = {\ed@enter\edfallbackfont}
\XeTeXinterchartoks 4095 \ed@symclass = {\ed@enter\edfallbackfont}
\XeTeXinterchartoks \ed@symclass 0 = {\ed@leave}
\XeTeXinterchartoks \ed@symclass 4095 = {\ed@leave}
\makeatother

% ---- running heads: the current document's date and title ----
\newcommand{\edrunhead}{}
\newcommand{\edsetrunninghead}[1]{\gdef\edrunhead{#1}}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[LE,RO]{\small\thepage}
\fancyhead[RE,LO]{\small\itshape\edrunhead}
\renewcommand{\headrulewidth}{0.3pt}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\small\thepage}\renewcommand{\headrulewidth}{0pt}}

% ---- reledmac: line numbers, three apparatus series ----
\lineation{section}
\linenummargin{inner}
\firstlinenum{5}
\linenumincrement{5}
\sidenotemargin{outer}
\setlength{\ledrsnotewidth}{18mm}
\setlength{\ledlsnotewidth}{18mm}
\Xarrangement{paragraph}
\Xnotefontsize{\footnotesize}
\Xnumberonlyfirstinline
\Xsymlinenum{||}
\Xafterrule{1mm}
\Xbeforenotes{1.2em}
\Xtxtbeforenotes[A]{\textsc{var.}\quad}
\Xtxtbeforenotes[B]{\textsc{ed.}\quad}
\Xtxtbeforenotes[C]{\textsc{notes}\quad}
\renewcommand{\pagelinesep}{.}

% ---- macros of the generated text ----
\newcommand{\edtexthead}{\noindent\hfill\scshape}
\newcommand{\edflushright}{\noindent\hfill}
\newcommand{\edcloser}{\noindent}
% verse (\stanza): every line flush left, a run-over line hangs by 2em
\setstanzaindents{4,0}
\setcounter{stanzaindentsrepetition}{1}
% speakers and stage directions in verse are not lines of the verse: not counted
\newcommand{\edspeaker}{\noindent\skipnumbering\scshape}
\newcommand{\edstage}{\noindent\skipnumbering\hspace*{2em}\itshape}
\newcommand{\edstageinline}[1]{\textit{#1}}
\newcommand{\edlisthead}{\noindent\itshape}
\newcommand{\edlistitem}{\noindent\hspace*{1.5em}}
\newcommand{\edfurniture}{\noindent\small}
\newcommand{\edfurniturelabel}[1]{\textsc{#1}:\enspace}
\newcommand{\edlb}{\,/\, }
\newcommand{\edpb}[1]{\textbar\ledsidenote{\footnotesize #1}}
\newcommand{\edpbmargin}[1]{\ledsidenote{\footnotesize #1}}
\newcommand{\edpbinline}[1]{\,\textbar\,}
\newcommand{\edsiglum}[1]{\textit{#1}}
\newcommand{\edom}{\textit{om.}}
\newcommand{\edcorr}{\textit{corr. from}}
\newcommand{\edconj}{\textit{conj. for}}
\newcommand{\edorig}{\textit{orig.}}
\newcommand{\edsic}{\textit{sic}}
\newcommand{\edstruck}{\textit{struck through}}
\newcommand{\ederased}{\textit{erased}}
\newcommand{\eddeleted}{\textit{deleted}}
\newcommand{\edadded}[1]{\textit{added #1}}
\newcommand{\edgapnote}[1]{\textit{#1}}
\newcommand{\edunclear}{\textit{unclear}}
\newcommand{\edsuppliednote}{\textit{supplied}}
\newcommand{\edresp}[1]{(#1)}
\newcommand{\eddel}[1]{⟦#1⟧}
\newcommand{\edgap}{{[}\ldots{]}}
\newcommand{\edgapdesc}[1]{{[}\textit{#1}{]}}
\newcommand{\edsupplied}[1]{{[}#1{]}}
\newcommand{\edsurplus}[1]{\{#1\}}
\newcommand{\edsurplusnote}{\textit{surplus}}
\newcommand{\ednotemark}[1]{\textsuperscript{#1}}

% ---- document headings and source notes (outside the numbered text) ----
\newcommand{\eddocheading}[5]{% number, date, place, type, title
  \begingroup\centering
  {\sffamily\small\MakeUppercase{Document #1}\par}\vspace{1ex}
  {\Large #5\par}\vspace{1ex}
  {\normalsize #2\ifx\relax#3\relax\else, #3\fi\par}
  {\small\itshape #4\par}
  \endgroup\vspace{2ex}}
\newenvironment{edsource}{\par\small\noindent\begin{minipage}{\linewidth}\raggedright\setlength{\parindent}{0pt}%
  \setlength{\parskip}{0.4ex}}{\end{minipage}\par\vspace{3ex}}
\newcommand{\edsourceitem}[2]{\textsc{#1}:\enspace #2\par}
\newcommand{\edwitness}[2]{\item[\textit{#1}] #2}
\newcommand{\indexheading}[1]{\par\pagebreak[2]\vspace{0.5ex}{\sffamily\bfseries #1}\par\nopagebreak}
</xsl:text>
  </xsl:template>
</xsl:stylesheet>
