<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer: the text of a document as reledmac numbered paragraphs.
     Default mode = the edited text (\pstart…\pend, \edtext with apparatus notes, \edindex for names);
     mode "reading" = the same text inside an apparatus note (no notes, no index, no paragraphs). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:import href="fallback.xsl"/>
  <xsl:import href="escape.xsl"/>
  <xsl:import href="../common/notes.xsl"/>
  <xsl:import href="../common/apparatus.xsl"/>
  <xsl:import href="apparatus.xsl"/>
  <xsl:import href="names.xsl"/>

  <!-- ============ blocks: each becomes one numbered paragraph ============ -->

  <xsl:template match="tei:div | tei:body | tei:opener | tei:front | tei:back | tei:postscript">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab">
    <xsl:call-template name="pstart"/>
    <xsl:apply-templates/>
    <xsl:call-template name="pend"/>
  </xsl:template>

  <xsl:template match="tei:div/tei:head | tei:body/tei:head">
    <xsl:call-template name="pstart"><xsl:with-param name="style">\edtexthead{}</xsl:with-param></xsl:call-template>
    <xsl:apply-templates/>
    <xsl:text>\hfill{}</xsl:text>
    <xsl:call-template name="pend"/>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:opener/tei:date | tei:opener/tei:placeName">
    <xsl:call-template name="pstart"><xsl:with-param name="style">\edflushright{}</xsl:with-param></xsl:call-template>
    <xsl:apply-templates/>
    <xsl:call-template name="pend"/>
  </xsl:template>

  <xsl:template match="tei:closer | tei:salute | tei:signed[not(parent::tei:closer)] | tei:opener/tei:seg">
    <xsl:call-template name="pstart"><xsl:with-param name="style">\edcloser{}</xsl:with-param></xsl:call-template>
    <xsl:apply-templates/>
    <xsl:call-template name="pend"/>
  </xsl:template>

  <xsl:template match="tei:list">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:list/tei:head">
    <xsl:call-template name="pstart"><xsl:with-param name="style">\edlisthead{}</xsl:with-param></xsl:call-template>
    <xsl:apply-templates/>
    <xsl:call-template name="pend"/>
  </xsl:template>

  <xsl:template match="tei:list/tei:item">
    <xsl:call-template name="pstart"><xsl:with-param name="style">\edlistitem{}</xsl:with-param></xsl:call-template>
    <xsl:if test="@n">
      <xsl:call-template name="tex-line"><xsl:with-param name="s" select="@n"/></xsl:call-template>
      <xsl:text>.~</xsl:text>
    </xsl:if>
    <xsl:apply-templates/>
    <xsl:call-template name="pend"/>
  </xsl:template>

  <!-- Archive furniture kept in its place: docket marks, stamps, handwritten notes, running
       headers and footers of the original, classification lines. -->
  <xsl:template match="tei:note[parent::tei:div or parent::tei:body or parent::tei:opener or parent::tei:closer
                       or parent::*[self::tei:rdg or self::tei:lem]/parent::tei:app[parent::tei:div or parent::tei:body or parent::tei:opener]]
                       | tei:fw[parent::tei:div or parent::tei:body or parent::tei:opener or parent::tei:closer
                       or parent::*[self::tei:rdg or self::tei:lem]/parent::tei:app[parent::tei:div or parent::tei:body or parent::tei:opener]]">
    <xsl:if test="not(self::tei:fw[@type = 'pageNum'])">
      <xsl:call-template name="pstart"><xsl:with-param name="style">\edfurniture{}</xsl:with-param></xsl:call-template>
      <xsl:text>\edfurniturelabel{</xsl:text>
      <xsl:call-template name="furniture-label"/>
      <xsl:if test="parent::tei:rdg or parent::tei:lem">
        <!-- furniture that one witness has: name it -->
        <xsl:text>, \edsiglum{</xsl:text>
        <xsl:variable name="sigla"><xsl:call-template name="witness-sigla"><xsl:with-param name="pointers" select="../@wit"/></xsl:call-template></xsl:variable>
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$sigla"/></xsl:call-template>
        <xsl:text>}</xsl:text>
      </xsl:if>
      <xsl:text>}</xsl:text>
      <xsl:apply-templates/>
      <xsl:call-template name="pend"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="furniture-label">
    <xsl:choose>
      <xsl:when test="self::tei:fw">
        <xsl:choose>
          <xsl:when test="@type = 'classification'">Classification</xsl:when>
          <xsl:when test="@type = 'footer'">Footer</xsl:when>
          <xsl:when test="@type = 'header'">Header</xsl:when>
          <xsl:otherwise>Page furniture</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="label"><xsl:call-template name="note-label"/></xsl:variable>
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$label"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A block-level page break goes into the margin at the start of the next paragraph -->
  <xsl:template match="tei:pb[parent::tei:div or parent::tei:body or parent::tei:opener or parent::tei:list]"/>
  <xsl:template match="tei:fw[@type = 'pageNum']"/>

  <xsl:template name="pstart">
    <xsl:param name="style"/>
    <xsl:text>&#10;\pstart </xsl:text>
    <xsl:value-of select="$style"/>
    <!-- page breaks standing just before this block, with nothing but other page breaks or
         printed page numbers between -->
    <xsl:variable name="me" select="generate-id()"/>
    <xsl:for-each select="preceding-sibling::tei:pb[generate-id(following-sibling::*[not(self::tei:pb or self::tei:fw[@type = 'pageNum'])][1]) = $me]">
      <xsl:text>\edpbmargin{</xsl:text><xsl:call-template name="pb-label"/><xsl:text>}</xsl:text>
    </xsl:for-each>
    <!-- "%": the line end must not become a space at the start of the paragraph -->
    <xsl:text>%&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="pend">
    <xsl:text>&#10;\pend&#10;</xsl:text>
  </xsl:template>

  <!-- ============ inline ============ -->

  <xsl:template match="text()">
    <xsl:call-template name="tex"><xsl:with-param name="s" select="."/></xsl:call-template>
  </xsl:template>
  <xsl:template match="text()" mode="reading">
    <xsl:call-template name="tex"><xsl:with-param name="s" select="."/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:pb">
    <xsl:text>\edpb{</xsl:text><xsl:call-template name="pb-label"/><xsl:text>}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:pb" mode="reading">
    <xsl:text>\edpbinline{</xsl:text><xsl:call-template name="pb-label"/><xsl:text>}</xsl:text>
  </xsl:template>

  <xsl:template name="pb-label">
    <xsl:if test="@ed">
      <xsl:call-template name="witness-sigla"><xsl:with-param name="pointers" select="@ed"/></xsl:call-template>
      <xsl:text>~</xsl:text>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="@n">
        <xsl:text>p.\,</xsl:text>
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="@n"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>new page</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:lb">
    <xsl:text>\edlb{}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:lb" mode="reading">
    <xsl:text>\edlb{}</xsl:text>
  </xsl:template>

  <xsl:template match="tei:hi[contains(@rend, 'italic') or contains(@rend, 'underline')] | tei:emph | tei:title[not(ancestor::tei:teiHeader)]">
    <xsl:text>\emph{</xsl:text><xsl:apply-templates/><xsl:text>}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:hi[contains(@rend, 'italic') or contains(@rend, 'underline')] | tei:emph | tei:title[not(ancestor::tei:teiHeader)]" mode="reading">
    <xsl:text>\emph{</xsl:text><xsl:apply-templates mode="reading"/><xsl:text>}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:hi[contains(@rend, 'bold')]">
    <xsl:text>\textbf{</xsl:text><xsl:apply-templates/><xsl:text>}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:hi[contains(@rend, 'sup')]">
    <xsl:text>\textsuperscript{</xsl:text><xsl:apply-templates/><xsl:text>}</xsl:text>
  </xsl:template>

  <!-- The archive's gloss stays where the archive put it, in brackets, set apart in italics -->
  <xsl:template match="tei:note[@type = 'gloss']">
    <xsl:text>{[}\textit{</xsl:text><xsl:apply-templates/><xsl:text>}{]}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:note[@type = 'gloss']" mode="reading">
    <xsl:text>{[}\textit{</xsl:text><xsl:apply-templates mode="reading"/><xsl:text>}{]}</xsl:text>
  </xsl:template>

  <!-- A note inside running text that is furniture (a stamp mid-paragraph): bracketed, labelled -->
  <xsl:template match="tei:note">
    <xsl:variable name="kind"><xsl:call-template name="note-kind"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$kind = 'block'">
        <xsl:text> {[}\edfurniturelabel{</xsl:text><xsl:call-template name="furniture-label"/><xsl:text>}</xsl:text>
        <xsl:apply-templates/>
        <xsl:text>{]} </xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="footnote"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:note" mode="reading"/>

</xsl:stylesheet>
