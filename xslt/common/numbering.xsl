<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer: the numbers that <xsl:number level="any"> gives notes, page breaks, readings,
     divisions and mentions, computed once per transform instead of once per node.

     libxslt's xsl:number level="any" walks back through the document from every node it numbers,
     so numbering every note or name of a large document costs the square of its size (a FRUS volume
     of 2 MB as one document: 12 s of its 16 s).  Here each kind of node is numbered in one pass (a
     result tree of generate-id -> number, indexed by a key).  libxslt evaluates every global
     variable when a transform starts, used or not: the seven passes are made by every transform
     that imports this file (about 0.05 s of document.xsl's 0.37 s on frus1918Russiav03.xml, 2.2 MB).

     Exact by construction, and only where it is: the pass numbers the nodes inside a <text> when
     no <text> holds another (group/text), where a node's `from` is the text that holds it; any
     other node (in the header, in a document with nested texts, in another document) gets ""
     from `num:number-of` (the names are in the num: namespace, so that a user's stylesheet
     cannot replace them by chance), and the caller falls back to xsl:number. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:exsl="http://exslt.org/common"
  xmlns:num="urn:editio:numbering" exclude-result-prefixes="tei exsl num">

  <xsl:key name="num:index" match="num:n" use="@id"/>

  <xsl:variable name="num:flat" select="not(//tei:text//tei:text)"/>

  <!-- one result tree per kind (each built when the transform starts: see above) -->
  <!-- mentions (mentions.xsl's anchor rule: from TEI/text) -->
  <xsl:variable name="num:mentions">
    <xsl:if test="$num:flat">
      <xsl:for-each select="//tei:TEI/tei:text">
        <xsl:for-each select=".//*[self::tei:persName or self::tei:placeName or self::tei:orgName
                                   or self::tei:rs or self::tei:date or self::tei:geogName]">
          <num:n id="{generate-id()}" n="{position()}"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <!-- divisions (from TEI/text) -->
  <xsl:variable name="num:divs">
    <xsl:if test="$num:flat">
      <xsl:for-each select="//tei:TEI/tei:text">
        <xsl:for-each select=".//tei:div"><num:n id="{generate-id()}" n="{position()}"/></xsl:for-each>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <!-- every note, page break, app (from text) -->
  <xsl:variable name="num:notes">
    <xsl:if test="$num:flat">
      <xsl:for-each select="//tei:text">
        <xsl:for-each select=".//tei:note"><num:n id="{generate-id()}" n="{position()}"/></xsl:for-each>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="num:pbs">
    <xsl:if test="$num:flat">
      <xsl:for-each select="//tei:text">
        <xsl:for-each select=".//tei:pb"><num:n id="{generate-id()}" n="{position()}"/></xsl:for-each>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="num:apps">
    <xsl:if test="$num:flat">
      <xsl:for-each select="//tei:text">
        <xsl:for-each select=".//tei:app"><num:n id="{generate-id()}" n="{position()}"/></xsl:for-each>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <!-- footnote marks (notes.xsl): unnumbered glosses, and the notes that are not furniture -->
  <xsl:variable name="num:glosses">
    <xsl:if test="$num:flat">
      <xsl:for-each select="//tei:text">
        <xsl:for-each select=".//tei:note[@type = 'gloss'][not(@n)]"><num:n id="{generate-id()}" n="{position()}"/></xsl:for-each>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="num:footnotes">
    <xsl:if test="$num:flat">
      <xsl:for-each select="//tei:text">
        <xsl:for-each select=".//tei:note[not(@type = 'docket' or @type = 'stamp' or @type = 'handwritten'
                                  or @type = 'gloss' or @place = 'top' or @place = 'bottom' or @place = 'margin')]">
          <num:n id="{generate-id()}" n="{position()}"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>

  <!-- The context node's number in one of the tables above ($index), or "" when it has none -->
  <xsl:template name="num:number-of">
    <xsl:param name="index"/>
    <xsl:variable name="id" select="generate-id()"/>
    <xsl:for-each select="exsl:node-set($index)">
      <xsl:value-of select="key('num:index', $id)/@n"/>
    </xsl:for-each>
  </xsl:template>

  <!-- Ids made from a number counted `from="tei:text"` (notes, page breaks, readings): where texts
       nest (group/text), each text numbers again from 1, so the id also names the text the count
       starts from, "-t" and its place among the document's texts ("d-t3-note1"); "" where no text
       holds another (every id stays as it was). -->
  <xsl:template name="num:text-part">
    <xsl:if test="not($num:flat)">
      <xsl:variable name="from" select="(ancestor::tei:text | preceding::tei:text)[last()]"/>
      <xsl:text>-t</xsl:text>
      <xsl:value-of select="count($from/preceding::tei:text | $from/ancestor::tei:text) + 1"/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
