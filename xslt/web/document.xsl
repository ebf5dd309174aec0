<?xml version="1.0" encoding="UTF-8"?>
<!-- The text of one TEI document as an HTML fragment for the web edition.

     Output root: <div class="edition-text">, holding the text (div.tei-text) and its footnotes
     (section.footnotes).  With $wit set, the text as that witness reads it (for the synoptic
     view): no apparatus, no ids, readings of that witness marked as differences.
     Nothing from the document is copied through: every element is rebuilt, every attribute value
     that reaches HTML is either a number, a register id, a sanitised token or an http(s) URL. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:import href="fallback.xsl"/>
  <xsl:import href="../common/core.xsl"/>
  <xsl:import href="inline.xsl"/>
  <xsl:import href="structure.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>

  <!-- Witness to render alone (its xml:id); empty: the apparatus view -->
  <xsl:param name="wit" select="''"/>
  <!-- Witness the apparatus view shows first (its xml:id) -->
  <xsl:param name="default-wit" select="(//tei:listWit/tei:witness/@xml:id)[1]"/>
  <!-- Page images that are files beside the TEI (" a.jpg b.jpg ", set by editio.web.text): shown
       beside the text; other images are linked -->
  <xsl:param name="local-images" select="''"/>
  <xsl:param name="register-base" select="'../register/'"/>
  <xsl:param name="timeline" select="'../timeline.html'"/>
  <!-- A timeline of a page per month (" anchor=timeline-1944-06.html … ", set by editio.web.text):
       the page each dated mention's event is on; empty: every event is on $timeline -->
  <xsl:param name="timeline-pages" select="''"/>
  <!-- The document's name in the site (its file stem): the timeline's event ids are
       "ev-{doc-stem}-{mention anchor}", unique across documents -->
  <xsl:param name="doc-stem" select="string(/tei:TEI/@xml:id)"/>

  <!-- "1": a pointer to an id in another file (FILE.xml#id) links FILE.html#id; set for a volume's
       own matter, whose pointers editio.archive.matter resolved to ids the pages carry -->
  <xsl:param name="part-links" select="''"/>

  <xsl:variable name="docid" select="/tei:TEI/@xml:id"/>
  <xsl:variable name="apparatus" select="not(string($wit))"/>

  <xsl:template match="/">
    <div class="edition-text">
      <xsl:call-template name="toc"/>
      <div class="tei-text">
        <!-- the text's language: its @xml:lang (or the document's), else the one language the
             header declares; none when it is not known (lang="" would say "unknown") -->
        <xsl:variable name="declared" select="/tei:TEI/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident"/>
        <xsl:variable name="lang">
          <xsl:call-template name="bcp47">
            <xsl:with-param name="code" select="(/tei:TEI/tei:text/@xml:lang | /tei:TEI/@xml:lang
                                                 | $declared[count($declared) = 1][not(/tei:TEI/tei:text/@xml:lang | /tei:TEI/@xml:lang)])[last()]"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:if test="string($lang)"><xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute></xsl:if>
        <xsl:call-template name="facsimile-images"/>
        <xsl:apply-templates select="/tei:TEI/tei:text"/>
      </div>
      <xsl:if test="$apparatus">
        <xsl:variable name="footnotes" select="/tei:TEI/tei:text//tei:note[not(@type = 'docket' or @type = 'stamp'
            or @type = 'handwritten' or @place = 'top' or @place = 'bottom' or @place = 'margin')]
            [not(parent::tei:rdgGrp or ancestor::tei:listApp)]"/>
        <xsl:if test="$footnotes">
          <section class="footnotes" aria-labelledby="{$docid}-notes-h">
            <h2 id="{$docid}-notes-h">Notes</h2>
            <ol>
              <xsl:apply-templates select="$footnotes" mode="footnote"/>
            </ol>
          </section>
        </xsl:if>
      </xsl:if>
    </div>
  </xsl:template>

</xsl:stylesheet>
